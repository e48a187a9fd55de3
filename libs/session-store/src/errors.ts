export class NameTakenError extends Error {
  constructor(readonly userName: string) {
    super(`user name "${userName}" is already registered`);
    this.name = 'NameTakenError';
  }
}

/** The backing service could not be reached or answered with an error. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`session store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreUnavailableError';
  }
}
