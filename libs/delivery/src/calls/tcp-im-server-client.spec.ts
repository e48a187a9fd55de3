import { Logger } from '@nestjs/common';
import { createServer, Server, Socket } from 'node:net';
import { freePort } from '@cim/local-cluster';
import { RpcAuthenticator } from '@cim/rpc';
import { serverInfo } from '../testing/fake-im-servers';
import { LogCapture } from '../testing/log-capture';
import { ImServerCallError, isRefused } from './im-server-client';
import { TcpImServerClient } from './tcp-im-server-client';

/** An im-server's RPC port that resets every connection as soon as a call arrives, as a dying process does. */
async function resettingServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket: Socket) => socket.once('data', () => socket.resetAndDestroy()));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port };
}

const caller = { authenticator: new RpcAuthenticator('a test secret'), peer: 'admin test' };

describe('TcpImServerClient', () => {
  let server: Server;
  let client: TcpImServerClient;

  afterEach(async () => {
    await client?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('logs a reset connection as a warning naming the im-server, not as an error', async () => {
    const { lines } = new LogCapture().install();
    const { server: listening, port } = await resettingServer();
    server = listening;
    const info = { ...serverInfo('im-7'), rpcPort: port };
    client = new TcpImServerClient(info, 2000, new Logger('ImServerClient'), caller);

    await expect(client.call('im.stats', {})).rejects.toThrow(ImServerCallError);

    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(lines).toContainEqual({
      level: 'warn',
      context: 'ImServerClient',
      text: `connection to im-server im-7 at 127.0.0.1:${port} was reset; it will be redialled on the next call`,
    });
  });

  it('redials after a reset: the next call connects again', async () => {
    new LogCapture().install();
    const { server: listening, port } = await resettingServer();
    server = listening;
    let connections = 0;
    server.on('connection', () => connections++);
    client = new TcpImServerClient(
      { ...serverInfo('im-7'), rpcPort: port },
      2000,
      new Logger('ImServerClient'),
      caller,
    );
    await expect(client.call('im.stats', {})).rejects.toThrow(ImServerCallError);
    await expect(client.call('im.stats', {})).rejects.toThrow(ImServerCallError);
    expect(connections).toBe(2);
  });

  it('fails a call the im-server does not answer within the timeout, naming the server and pattern', async () => {
    new LogCapture().install();
    server = createServer((socket) => socket.resume().on('end', () => socket.end()));
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    client = new TcpImServerClient(
      { ...serverInfo('im-8'), rpcPort: port },
      200,
      new Logger('ImServerClient'),
      caller,
    );
    await expect(client.call('im.kick', {})).rejects.toThrow(/^im-server im-8 failed im\.kick: Timeout/);
  });

  it('tells a call refused by a port where nothing listens (a dead run) from one that timed out', async () => {
    new LogCapture().install();
    const port = await freePort();
    client = new TcpImServerClient(
      { ...serverInfo('im-9'), rpcPort: port },
      2000,
      new Logger('ImServerClient'),
      caller,
    );
    const refused = await client.call('im.kick', {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ImServerCallError);
    expect(isRefused(refused)).toBe(true);

    server = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const slow = new TcpImServerClient(
      { ...serverInfo('im-9'), rpcPort: port },
      200,
      new Logger('ImServerClient'),
      caller,
    );
    const timedOut = await slow.call('im.kick', {}).catch((error: unknown) => error);
    await slow.close();
    expect(timedOut).toBeInstanceOf(ImServerCallError);
    expect(isRefused(timedOut)).toBe(false);
  });
});
