import { Command, CommandContext } from './command';
import { conversationHistory } from './conversation-history';
import { delay } from './delay';
import { emojiList } from './emoji-list';
import { addMembers, createGroup, leaveGroup, listGroups, removeMember } from './groups';
import { help, printHelp } from './help';
import { info } from './info';
import { onlineUsers, prefixUsers } from './online-users';
import { quit } from './quit';
import { searchHistory } from './search-history';

/** Every command, in the order :help lists them. */
export const COMMANDS: readonly Command[] = [
  help,
  onlineUsers,
  prefixUsers,
  listGroups,
  createGroup,
  addMembers,
  removeMember,
  leaveGroup,
  conversationHistory,
  info,
  searchHistory,
  delay,
  emojiList,
  quit,
];

export function findCommand(name: string, commands: readonly Command[] = COMMANDS): Command | undefined {
  return commands.find((c) => c.names.includes(name));
}

/** Runs the named command; an unknown one says so and shows the help. */
export async function runCommand(context: CommandContext, name: string, args: string): Promise<void> {
  const command = findCommand(name, context.commands);
  if (!command) {
    context.print(`*** unknown command ${name}`);
    return printHelp(context);
  }
  await command.run(context, args);
}
