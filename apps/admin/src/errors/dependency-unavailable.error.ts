/** The registry did not answer in time: the admin answers 503. */
export class DependencyUnavailableError extends Error {
  constructor(what: string, cause?: unknown) {
    super(`${what} unavailable${cause instanceof Error ? `: ${cause.message}` : ''}`, { cause });
    this.name = 'DependencyUnavailableError';
  }
}
