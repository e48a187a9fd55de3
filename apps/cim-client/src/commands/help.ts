import { Command, CommandContext } from './command';

export const help: Command = {
  names: [':all', ':help'],
  description: 'list the commands',
  run: (context) => printHelp(context),
};

export function printHelp(context: CommandContext): void {
  const rows = context.commands.map((c) => [
    [c.names.join(' | '), c.args].filter(Boolean).join(' '),
    c.description,
  ]);
  rows.push(
    ['<text>', 'send to everyone online'],
    ['<userId>;;<text>', 'send to one user'],
    ['#<group> <text>', 'send to the members of a group'],
  );
  const width = Math.max(...rows.map(([usage]) => usage.length));
  context.print('*** commands:');
  for (const [usage, description] of rows) context.print(`  ${usage.padEnd(width)}  ${description}`);
}
