/** The codes of a TCP connection its peer dropped (a process killed or restarted), as opposed to bad data. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** Whether a socket error only says that the peer went away. */
export function isConnectionReset(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && RESET_CODES.has(String((error as { code?: unknown }).code))
  );
}
