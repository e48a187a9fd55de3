import { OnlineUser } from '@cim/client-sdk';
import { Command, CommandContext } from './command';

/** Enough pages for any chat room a terminal can show. */
const MAX_PAGES = 100;

export const onlineUsers: Command = {
  names: [':olu'],
  description: 'list the users online (names and ids)',
  run: async (context) => printUsers(context, await listOnline(context), 'online'),
};

export const prefixUsers: Command = {
  names: [':pu'],
  args: '<prefix>',
  description: 'list the users online whose name starts with prefix',
  run: async (context, prefix) => {
    if (!prefix) return context.print('*** usage: :pu <prefix>');
    const lower = prefix.toLowerCase();
    const users = (await listOnline(context)).filter((u) => u.name.toLowerCase().startsWith(lower));
    if (!users.length) return context.print(`*** nobody online has a name starting with "${prefix}"`);
    printUsers(context, users, `online starting with "${prefix}"`);
  },
};

/** Walks every page of GET /api/online-users; learns the names for later. */
async function listOnline(context: CommandContext): Promise<OnlineUser[]> {
  const users: OnlineUser[] = [];
  let cursor = '0';
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await context.client.onlineUsers(cursor, 500);
    users.push(...answer.users);
    cursor = answer.cursor;
    if (cursor === '0') break;
  }
  const unique = [...new Map(users.map((u) => [u.userId, u])).values()];
  for (const user of unique) context.names.learn(user.userId, user.name);
  return unique.sort((a, b) => a.name.localeCompare(b.name));
}

function printUsers(context: CommandContext, users: OnlineUser[], what: string): void {
  const me = context.client.session?.userId;
  context.print(`*** ${users.length} ${what}:`);
  const width = Math.max(0, ...users.map((u) => u.name.length));
  for (const user of users) {
    context.print(`  ${user.name.padEnd(width)}  ${user.userId}${user.userId === me ? '  (you)' : ''}`);
  }
}
