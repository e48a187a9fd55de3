/** How an app answers one of its own errors, instead of 500. */
export interface KnownFailure {
  status: number;
  message: string;
  /** Log a warning with the error's own message (a dependency that is down); otherwise it is only counted. */
  warn?: boolean;
  /** Headers of the answer, e.g. Retry-After of a 429. */
  headers?: Record<string, string>;
}

/** An app's own errors, and what each answers; undefined for an error it does not know (a bug: 500). */
export type FailureClassifier = (exception: unknown) => KnownFailure | undefined;

/** Called once per error answer, with its status and what was thrown, to count it (cim_errors_total). */
export type FailureCounter = (status: number, exception: unknown) => void;

/** What the exception filter needs from an app besides Nest's HttpExceptions. */
export interface ErrorAnswers {
  classify?: FailureClassifier;
  countFailure: FailureCounter;
}

/** A store, registry or other dependency that is down: 503 with this message, logged as a warning. */
export function unavailable(message: string): KnownFailure {
  return { status: 503, message, warn: true };
}
