import { TEST_ADMIN_KEY, TEST_PUSH_KEY } from './cluster';
import { HttpAnswer } from './http';

/** JSON calls to the admin app with the operators' key (x-api-key) or a backend's push key (x-push-key). */
export class AdminApi {
  constructor(readonly url: string) {}

  /** An operators' call; `key` null sends no key. */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    key: string | null = TEST_ADMIN_KEY,
  ) {
    return send<T>(this.url, method, path, body, key === null ? {} : { 'x-api-key': key });
  }

  /** A push API call; `key` null sends no key. */
  push<T = Record<string, unknown>>(body: unknown, key: string | null = TEST_PUSH_KEY) {
    return send<T>(this.url, 'POST', '/api/push', body, key === null ? {} : { 'x-push-key': key });
  }
}

async function send<T>(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<HttpAnswer<T> & { headers: Headers }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}
