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
 * carrier's address; anything but 200 throws with the status and the gateway's answer.
 */
export async function requestSession(
  gatewayUrl: string,
  path: 'login' | 'resume',
  body: Record<string, string>,
  carrier: CarrierName,
  timeoutMs: number,
): Promise<SessionAnswer> {
  const response = await fetch(`${gatewayUrl}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, carrier: gatewayCarrier(carrier) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const what = body.name ? `${path} ${body.name}` : path;
  if (response.status !== 200) throw new Error(`${what}: ${response.status} ${text}`);
  return JSON.parse(text) as SessionAnswer;
}
