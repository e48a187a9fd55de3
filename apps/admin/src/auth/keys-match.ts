import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented key with the configured one in constant time: both are hashed first, so that
 * neither the content nor the length of the key leaks through the time the comparison takes.
 */
export function keysMatch(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
