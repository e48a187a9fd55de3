/** Calls the route-gateway with the login's bearer token; an error status rejects with the gateway's message. */
export async function gatewayCall<T>(
  gatewayUrl: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  if (!token) throw new Error('not logged in');
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : {};
  if (!response.ok) {
    const message = (parsed as { message?: string | string[] }).message;
    throw new Error(`${response.status}: ${Array.isArray(message) ? message.join('; ') : (message ?? text)}`);
  }
  return parsed as T;
}
