import { Command } from './command';

const MAX_DELAY_SECONDS = 24 * 60 * 60;

export const delay: Command = {
  names: [':delay'],
  args: '<seconds> <text>',
  description: 'send a group message later',
  run: (context, args) => {
    const match = /^(\d+(?:\.\d+)?)\s+(\S[\s\S]*)$/.exec(args);
    const seconds = match ? Number(match[1]) : NaN;
    if (!match || !(seconds > 0 && seconds <= MAX_DELAY_SECONDS)) {
      return context.print(`*** usage: :delay <seconds> <text> (seconds from 0 to ${MAX_DELAY_SECONDS})`);
    }
    const text = match[2];
    context.later(seconds * 1000, () => void context.sendGroup(text));
    context.print(`*** will send in ${seconds} s: ${text}`);
  },
};
