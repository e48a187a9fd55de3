import { ClientTCP } from '@nestjs/microservices';
import { connect, Socket } from 'node:net';
import { firstValueFrom, of } from 'rxjs';
import { freePort } from '@cim/local-cluster';
import { authenticatedSocket } from './authenticated-socket';
import { RpcAuthenticator } from './rpc-authenticator';
import { RpcListener } from './rpc-listener';

function frame(packet: object): string {
  const json = JSON.stringify(packet);
  return `${json.length}#${json}`;
}

/** Everything the listener writes on one raw connection, once it closes it. */
async function rawExchange(port: number, frames: string[]): Promise<string> {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (data) => (received += String(data)));
  await new Promise((resolve) => socket.once('connect', resolve));
  for (const f of frames) socket.write(f);
  await new Promise((resolve) => socket.once('close', resolve));
  return received;
}

describe('RpcListener', () => {
  const secret = 'the shared secret of this spec';
  const refusals: string[] = [];
  const handled: unknown[] = [];
  let listener: RpcListener;
  let port: number;
  let client: ClientTCP | undefined;

  beforeAll(async () => {
    port = await freePort();
    listener = new RpcListener({
      host: '127.0.0.1',
      port,
      authenticator: new RpcAuthenticator(secret),
      logContext: 'SpecCalls',
      onRefused: (reason) => refusals.push(reason),
      helloTimeoutMs: 300,
    });
    listener.addHandler('echo', (data: unknown) => {
      handled.push(data);
      return Promise.resolve(of({ echoed: data }));
    });
    await new Promise<void>((resolve, reject) =>
      listener.listen((error?: unknown) => (error ? reject(error as Error) : resolve())),
    );
  });

  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  afterAll(() => listener.close());

  function callerWith(callerSecret: string, warnings: string[] = []): ClientTCP {
    const caller = { authenticator: new RpcAuthenticator(callerSecret), peer: 'spec caller' };
    return new ClientTCP({
      host: '127.0.0.1',
      port,
      socketClass: authenticatedSocket(caller, (reason) => warnings.push(reason)),
    });
  }

  it('answers the calls of a caller that holds the secret', async () => {
    client = callerWith(secret);
    await expect(firstValueFrom(client.send('echo', { n: 1 }))).resolves.toEqual({ echoed: { n: 1 } });
  });

  it('refuses a caller with another secret before handling its call, and tells the caller why', async () => {
    const warnings: string[] = [];
    client = callerWith('not the secret', warnings);
    const before = handled.length;
    await expect(firstValueFrom(client.send('echo', { n: 2 }))).rejects.toThrow('Connection closed');
    expect(handled.length).toBe(before);
    expect(refusals).toContain('wrong credential');
    expect(warnings).toEqual(['not authenticated: wrong credential']);
  });

  it('answers a call sent without a hello with an RpcFailure and handles nothing after it', async () => {
    const before = handled.length;
    const call = frame({ pattern: 'echo', data: { n: 3 }, id: 'c1' });
    const received = await rawExchange(port, [call, call]);
    expect(JSON.parse(received.slice(received.indexOf('#') + 1))).toEqual({
      id: 'c1',
      err: {
        code: 'Unauthenticated',
        message: 'not authenticated: no credential: the first frame is not a hello',
      },
      isDisposed: true,
    });
    expect(handled.length).toBe(before);
  });

  it('closes a connection that sends nothing within the hello timeout', async () => {
    const received = await rawExchange(port, []);
    expect(received).toContain('no hello within 300 ms');
    expect(refusals).toContain('no hello within 300 ms');
  });
});
