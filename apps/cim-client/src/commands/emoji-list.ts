import { emojiPage } from '../emoji/emoji';
import { Command } from './command';

const PER_ROW = 4;

export const emojiList: Command = {
  names: [':emoji'],
  args: '[page]',
  description: 'list emoji and their :codes: (typing a code in a message sends the emoji)',
  run: ({ print }, args) => {
    const { page, pages, entries } = emojiPage(args ? Number(args) : 1);
    print(`*** emoji, page ${page} of ${pages}${page < pages ? ` (:emoji ${page + 1} for more)` : ''}:`);
    for (let i = 0; i < entries.length; i += PER_ROW) {
      const row = entries.slice(i, i + PER_ROW).map((e) => `${e.char} :${e.code}:`.padEnd(22));
      print(`  ${row.join('').trimEnd()}`);
    }
  },
};
