/**
 * Failed attempts per key (a user, an address) within a window: a key that reaches the limit is blocked
 * for a while. Shared by every gateway when it lives in Redis.
 */
export interface FailureCounter {
  /** How long the key is still blocked, in ms; 0 when it may try now. */
  blockedForMs(key: string): Promise<number>;
  /** Counts one failure; answers how long the key is now blocked, in ms (0 below the limit). */
  fail(key: string): Promise<number>;
  /** Forgets the key's failures. */
  forget(key: string): Promise<void>;
}

/** The counters a login (per user and per address) and a resume (per address) are checked against. */
export interface LoginFailureCounters {
  /** Per user: their id, or the name or id given when no such user exists. */
  perUser: FailureCounter;
  /** Per source address of the request. */
  perAddress: FailureCounter;
  /** Refused resumes per source address: a budget of its own, far higher than the logins'. */
  resumesPerAddress: FailureCounter;
  close(): Promise<void>;
}

/** The token under which LoginFailureCounters are injected. */
export const LOGIN_FAILURE_COUNTERS = Symbol('LOGIN_FAILURE_COUNTERS');
