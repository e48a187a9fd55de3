/** JSON over HTTP for the suites: the status and the parsed body, whatever the status. */
export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** Long enough for a loaded machine; a server that has not answered by then is a finding, named as such. */
const ANSWER_WITHIN_MS = 60_000;

export async function http<T = Record<string, unknown>>(
  method: string,
  url: string,
  body?: unknown,
  token?: string,
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  }).catch((error: Error) => {
    throw new Error(
      `${method} ${url}: ${error.name === 'TimeoutError' ? `no answer within ${ANSWER_WITHIN_MS} ms` : error.message}`,
    );
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T };
}
