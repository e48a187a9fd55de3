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

/**
 * A numbered SEND whose seq is below its sending session's window and not kept in it: it may have been
 * accepted long ago, and the message id it got is forgotten. It is not accepted again.
 */
export class SendSeqOutsideWindowError extends Error {
  constructor(
    readonly session: string,
    readonly seq: number,
    readonly floor: number | undefined,
  ) {
    super(
      `send_seq ${seq} of send session ${session} is below the window the server keeps` +
        `${floor === undefined ? '' : ` (seqs above ${floor})`} and not in it: it may have been accepted before`,
    );
    this.name = 'SendSeqOutsideWindowError';
  }
}
