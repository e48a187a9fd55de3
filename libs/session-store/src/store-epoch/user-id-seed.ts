/** The user-id counter's zero: 2025-01-01T00:00:00Z. */
const USER_ID_EPOCH_MS = Date.UTC(2025, 0, 1);

/** A store made before then (a test clock) still starts at 10001. */
const LEAST_SEED = 10_000;

/**
 * What a store's user-id counter starts from when it has none (a new store, or one that lost its
 * data): the milliseconds since USER_ID_EPOCH_MS. The counter goes up by one per user, so the ids of
 * a store that lost its data start above every id the old store handed out, unless that store made
 * more than 1,000 users a second on average over its whole life. Ids stay decimal: 11 digits until early 2028, 12 after.
 */
export function userIdSeed(now: number): string {
  return String(Math.max(LEAST_SEED, Math.floor(now - USER_ID_EPOCH_MS)));
}
