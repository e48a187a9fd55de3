import { EMOJI } from './emoji-table';
import { emojiPage, expandEmoji, isEmojiCode } from './emoji';

describe('emoji', () => {
  it('knows at least 40 emoji, each code once', () => {
    expect(EMOJI.length).toBeGreaterThanOrEqual(40);
    expect(new Set(EMOJI.map((e) => e.code)).size).toBe(EMOJI.length);
  });

  it('expands known codes in a message and leaves unknown ones as typed', () => {
    expect(expandEmoji('hi :smile: and :thumbsup::fire:')).toBe('hi 😄 and 👍🔥');
    expect(expandEmoji('time is 12:30:45 :nope:')).toBe('time is 12:30:45 :nope:');
  });

  it('recognises a word that is exactly one known code', () => {
    expect(isEmojiCode(':smile:')).toBe(true);
    expect(isEmojiCode(':smile')).toBe(false);
    expect(isEmojiCode(':olu')).toBe(false);
    expect(isEmojiCode(':nope:')).toBe(false);
  });

  it('lists the table 20 per page, clamping pages out of range', () => {
    const first = emojiPage();
    expect(first).toMatchObject({ page: 1, pages: Math.ceil(EMOJI.length / 20) });
    expect(first.entries).toHaveLength(20);
    expect(first.entries[0]).toEqual({ code: 'smile', char: '😄' });
    expect(emojiPage(2).entries[0]).toBe(EMOJI[20]);
    expect(emojiPage(99).page).toBe(first.pages);
    expect(emojiPage(0).page).toBe(1);
  });
});
