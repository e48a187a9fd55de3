/** A login refused because its account or address failed too often: 429 with Retry-After. */
export class LoginBlockedError extends Error {
  constructor(readonly retryAfterSec: number) {
    super(`too many failed logins for this user or from this address; try again in ${retryAfterSec} s`);
    this.name = 'LoginBlockedError';
  }
}
