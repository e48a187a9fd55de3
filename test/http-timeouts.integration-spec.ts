import { connect, Socket } from 'node:net';
import { Cluster } from './harness/cluster';
import { http } from './harness/http';

const REQUEST_TIMEOUT_MS = 2000;
const timeouts = { CIM_HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) };

interface Trickle {
  /** What the server sent back, and whether it closed the connection. */
  answer: () => { received: string; closed: boolean };
  stop: () => void;
}

/** Sends a POST's headers, then its body a byte every 300 ms, never finishing it. */
function trickle(port: number): Promise<Trickle> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let closed = false;
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write(
        'POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 1000\r\n\r\n{',
      );
      const timer = setInterval(() => !closed && socket.write(' '), 300);
      const stop = () => {
        clearInterval(timer);
        socket.destroy();
      };
      resolve({ answer: () => ({ received, closed }), stop });
    });
    socket.once('error', reject);
  });
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return done();
}

/** A request that trickles in is cut off after the request timeout; other connections are served. */
describe('HTTP request timeouts', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 0, gatewayEnv: timeouts });
    await cluster.addAdmin(timeouts);
  });

  afterAll(() => cluster?.stop());

  it.each([
    ['route-gateway', () => cluster.gatewayUrl],
    ['admin', () => cluster.adminUrl],
  ])('%s answers a trickling request 408 and closes it, serving others meanwhile', async (_app, base) => {
    const url = base();
    const slow = await trickle(Number(new URL(url).port));
    try {
      const started = Date.now();
      expect((await http('GET', `${url}/docs-json`)).status).toBe(200);
      // Node checks for late requests every second: the timeout, plus that, plus room for a loaded machine.
      const cutOff = await until(() => slow.answer().closed, REQUEST_TIMEOUT_MS + 1000 + 5000);
      expect(cutOff).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      expect(slow.answer().received).toMatch(/^HTTP\/1\.1 408 /);
      expect((await http('GET', `${url}/docs-json`)).status).toBe(200);
    } finally {
      slow.stop();
    }
  });
});
