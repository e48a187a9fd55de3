import { createServer, Server } from 'node:http';
import { freePort } from '@cim/local-cluster';
import { requestSession } from './session-request';

/** A gateway that answers the queued statuses in turn (503 with Retry-After: 1, or a session). */
async function gateway(
  answers: { status: number; retryAfter?: string }[],
): Promise<{ url: string; server: Server; asked: () => number }> {
  let asked = 0;
  const server = createServer((_request, response) => {
    const answer = answers[Math.min(asked++, answers.length - 1)];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (answer.retryAfter) headers['retry-after'] = answer.retryAfter;
    response.writeHead(answer.status, headers);
    response.end(
      answer.status === 200
        ? JSON.stringify({ userId: '7', token: 't', server: { id: 'im-1', host: '127.0.0.1', port: 1 } })
        : JSON.stringify({ message: 'the gateway is busy' }),
    );
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, server, asked: () => asked };
}

describe('requestSession', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('asks a busy gateway again after its Retry-After, as the SDK does', async () => {
    const g = await gateway([{ status: 503, retryAfter: '1' }, { status: 200 }]);
    server = g.server;
    const answer = await requestSession(g.url, 'login', { name: 'u1', password: 'p' }, 'tcp', 30_000);
    expect(answer.userId).toBe('7');
    expect(g.asked()).toBe(2);
  });

  it('gives up on a 503 without Retry-After, and on one whose wait would pass the deadline', async () => {
    const bare = await gateway([{ status: 503 }]);
    server = bare.server;
    await expect(requestSession(bare.url, 'resume', { credential: 'c' }, 'tcp', 30_000)).rejects.toThrow(
      /resume: 503/,
    );
    bare.server.close();
    const slow = await gateway([{ status: 503, retryAfter: '60' }]);
    server = slow.server;
    await expect(
      requestSession(slow.url, 'login', { name: 'u2', password: 'p' }, 'tcp', 5_000),
    ).rejects.toThrow(/login u2: 503/);
    expect(slow.asked()).toBe(1);
  });
});
