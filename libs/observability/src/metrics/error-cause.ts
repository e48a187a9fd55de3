/**
 * The `cause` label of cim_errors_total for an ErrorCode name or an HTTP status: snake_case, e.g.
 * 'InvalidToken' → 'invalid_token', 'NotAMember' → 'not_a_member', 401 → 'unauthorized'.
 */
export function errorCause(reason: string | number): string {
  if (typeof reason === 'number') return HTTP_CAUSES[reason] ?? (reason >= 500 ? 'internal' : 'bad_request');
  return reason
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
}

const HTTP_CAUSES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  // A request whose client left before it was worked on (a login or resume the gateway dropped).
  499: 'client_gone',
  500: 'internal',
  503: 'unavailable',
  504: 'timeout',
};
