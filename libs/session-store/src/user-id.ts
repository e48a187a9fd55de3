/**
 * The form of the ids createUser hands out: decimal numbers above 10000 (a counter seeded from the
 * clock, store-epoch/user-id-seed.ts), without a leading zero and at most 19 digits. The store builds keys only from strings of this form; any other
 * string is an unknown user to it.
 */
export const USER_ID_PATTERN = /^[1-9][0-9]{0,18}$/;

/** What a caller is told when an id does not have the form. */
export const USER_ID_FORM = 'a decimal user id such as 10001';

export function isUserId(id: unknown): id is string {
  return typeof id === 'string' && USER_ID_PATTERN.test(id);
}

/** Writes for something that is not a user id are refused: no key is built from it. */
export function assertUserId(id: string): void {
  if (!isUserId(id)) throw new RangeError(`"${String(id).slice(0, 64)}" is not a user id`);
}
