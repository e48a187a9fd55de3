/** The share of the drain window over which clients are told to reconnect; the rest lets them leave. */
export const TELLING_SHARE = 0.8;

/**
 * How many clients per second a drain tells to reconnect: the configured rate, raised when that would
 * not reach all of them within TELLING_SHARE of the window (so that none is cut off without being
 * told). A window of 0 tells everyone at once.
 */
export function drainRate(clients: number, ratePerSecond: number, windowMs: number): number {
  if (windowMs <= 0) return Number.POSITIVE_INFINITY;
  const needed = Math.ceil(clients / ((windowMs * TELLING_SHARE) / 1000));
  return Math.max(ratePerSecond, needed);
}
