/** A login or a resume refused because its account or address failed too often: 429 with Retry-After. */
export class LoginBlockedError extends Error {
  constructor(
    readonly retryAfterSec: number,
    what = 'failed logins for this user or from this address',
  ) {
    super(`too many ${what}; try again in ${retryAfterSec} s`);
    this.name = 'LoginBlockedError';
  }
}
