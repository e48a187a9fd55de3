export class NameTakenError extends Error {
  constructor(readonly userName: string) {
    super(`user name "${userName}" is already registered`);
    this.name = 'NameTakenError';
  }
}

/**
 * The backing service could not be reached or answered with an error. The original error is kept as
 * `cause`; `detail` adds what the cause alone does not say (e.g. the last connection error).
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown, detail?: string) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`session store unavailable: ${reason}${detail ? ` (${detail})` : ''}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}
