import { EMOJI } from './emoji-table';

export const EMOJI_PER_PAGE = 20;

const BY_CODE = new Map(EMOJI.map((e) => [e.code, e.char]));

/** Replaces every known `:code:` in the text by its emoji; unknown codes stay as typed. */
export function expandEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, code: string) => BY_CODE.get(code) ?? whole);
}

/** True when the word is exactly one known `:code:` (so that a line may start with an emoji). */
export function isEmojiCode(word: string): boolean {
  const match = /^:([a-z0-9_+-]+):$/.exec(word);
  return !!match && BY_CODE.has(match[1]);
}

export interface EmojiPage {
  page: number;
  pages: number;
  entries: { code: string; char: string }[];
}

/** One page (1-based) of the table; a page out of range gives the nearest one. */
export function emojiPage(page = 1): EmojiPage {
  const pages = Math.ceil(EMOJI.length / EMOJI_PER_PAGE);
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (current - 1) * EMOJI_PER_PAGE;
  return { page: current, pages, entries: EMOJI.slice(start, start + EMOJI_PER_PAGE) };
}
