import { Agent, request } from 'node:http';
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

/** The 503 busy answers this process's requests got (each asked again after its Retry-After). */
export const busyAnswers = { count: 0 };

/**
 * The HTTP connections to the gateways, kept open between requests. node:http rather than fetch: a
 * load worker makes thousands of these requests a second, and fetch's streams, abort signals and
 * promises cost it several times more CPU per request, CPU the machine's cores then lack for cim.
 */
const agent = new Agent({ keepAlive: true });

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
  const json = JSON.stringify({ ...body, carrier: gatewayCarrier(carrier) });
  for (;;) {
    const answer = await post(`${gatewayUrl}/api/${path}`, json, Math.max(1, deadline - Date.now()));
    if (answer.status === 200) return JSON.parse(answer.text) as SessionAnswer;
    const waitMs = busyWaitMs(answer);
    if (waitMs === undefined || Date.now() + waitMs >= deadline)
      throw new Error(`${what}: ${answer.status} ${answer.text}`);
    busyAnswers.count++;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

interface Answer {
  status: number;
  retryAfter?: string;
  text: string;
}

/** One JSON POST on a kept-alive connection; rejects if no whole answer came within `timeoutMs`. */
function post(url: string, json: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) };
    const req = request(url, { method: 'POST', agent, headers });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    req.on('error', fail);
    req.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode ?? 0, retryAfter, text });
      });
    });
    req.end(json);
  });
}

/** For a busy gateway's 503: its Retry-After, plus a random part as long again; otherwise undefined. */
function busyWaitMs(answer: Answer): number | undefined {
  const retryAfterSec = Number(answer.retryAfter);
  if (answer.status !== 503 || !Number.isFinite(retryAfterSec) || retryAfterSec <= 0) return undefined;
  return retryAfterSec * 1000 * (1 + Math.random());
}
