#!/usr/bin/env node
import { askPassword } from './terminal/ask-password';
import { parseCliArgs, USAGE, UsageError } from './args';
import { ChatApp, EXIT } from './chat-app';

/** The terminal client: `cim-client --name alice [--password …] [--gateway …] [--history-dir …]`. */
async function main(): Promise<number> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.quit;
  }
  const password =
    args.password ?? (await askPassword(`password for ${args.name}: `, process.stdin, process.stdout));
  return new ChatApp(args, password, { input: process.stdin, output: process.stdout }).run();
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = EXIT.failed;
  },
);
