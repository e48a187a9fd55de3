import { CarrierName } from '../../options';
import { ServerAddress } from './frame-link';

/** What POST /api/login and /api/resume answer: who the client is, where to connect, and how to come back. */
export interface SessionAnswer {
  userId: string;
  token: string;
  server: ServerAddress;
  resume?: { credential: string };
}

/** The route-gateway's name of the carrier. */
export function gatewayCarrier(carrier: CarrierName): 'tcp' | 'websocket' {
  return carrier === 'ws' ? 'websocket' : 'tcp';
}

/**
 * POSTs a login (`{name, password}`) or a resume (`{credential}`) to the route-gateway, asking for the
 * carrier's address. A busy gateway's 503 is asked again after its Retry-After plus up to as much again
 * (as the SDK does), until `timeoutMs` has passed; anything else but 200 throws with the status and the
 * gateway's answer.
 */
export async function requestSession(
  gatewayUrl: string,
  path: 'login' | 'resume',
  body: Record<string, string>,
  carrier: CarrierName,
  timeoutMs: number,
): Promise<SessionAnswer> {
  const deadline = Date.now() + timeoutMs;
  const what = body.name ? `${path} ${body.name}` : path;
  for (;;) {
    const response = await fetch(`${gatewayUrl}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, carrier: gatewayCarrier(carrier) }),
      signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
    });
    const text = await response.text();
    if (response.status === 200) return JSON.parse(text) as SessionAnswer;
    const waitMs = busyWaitMs(response);
    if (waitMs === undefined || Date.now() + waitMs >= deadline)
      throw new Error(`${what}: ${response.status} ${text}`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/** For a busy gateway's 503: its Retry-After, plus a random part as long again; otherwise undefined. */
function busyWaitMs(response: Response): number | undefined {
  const retryAfterSec = Number(response.headers.get('retry-after'));
  if (response.status !== 503 || !Number.isFinite(retryAfterSec) || retryAfterSec <= 0) return undefined;
  return retryAfterSec * 1000 * (1 + Math.random());
}
