import { isEmojiCode } from '../emoji/emoji';

/** What one typed line means. */
export type Input =
  | { type: 'empty' }
  | { type: 'command'; name: string; args: string }
  | { type: 'private'; receiverId: string; text: string }
  | { type: 'group'; text: string }
  | { type: 'to-group'; groupId: string; text: string };

const PRIVATE = /^([^\s;]+);;([\s\S]*)$/;
const TO_GROUP = /^#([1-9][0-9]*)(?:\s+([\s\S]*))?$/;

/**
 * `:name args` is a command; `userId;;text` a private message (the original design's syntax);
 * `#<groupId> text` a message to a group with membership; anything else a message to the lobby. A line that starts with an emoji code (`:smile: hi`) is a message.
 */
export function parseInput(line: string): Input {
  const trimmed = line.trim();
  if (!trimmed) return { type: 'empty' };
  if (trimmed.startsWith(':')) {
    const [name] = trimmed.split(/\s/, 1);
    if (!isEmojiCode(name)) return { type: 'command', name, args: trimmed.slice(name.length).trim() };
  }
  const toGroup = TO_GROUP.exec(trimmed);
  if (toGroup) return { type: 'to-group', groupId: toGroup[1], text: (toGroup[2] ?? '').trim() };
  const toOne = PRIVATE.exec(trimmed);
  if (toOne) return { type: 'private', receiverId: toOne[1], text: toOne[2].trim() };
  return { type: 'group', text: trimmed };
}
