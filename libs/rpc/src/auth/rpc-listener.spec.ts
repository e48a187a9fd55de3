import { ClientTCP } from '@nestjs/microservices';
import { connect, Socket } from 'node:net';
import { firstValueFrom, of } from 'rxjs';
import { freePort } from '@cim/local-cluster';
import { FrameReader, joinFrames } from '../framing/frame-reader';
import { RpcCodec } from '../framing/rpc-codec';
import { authenticatedSocket } from './authenticated-socket';
import { RpcAuthenticator } from './rpc-authenticator';
import { RpcListener } from './rpc-listener';

/** A raw connection's codec: what it writes and what it reads are two streams, each with its own. */
function rawCodecs() {
  const [writer, reader] = [new RpcCodec(), new RpcCodec()];
  const frame = (packet: object) => {
    const payload = writer.encode(packet);
    return joinFrames([payload], payload.length);
  };
  return { frame, reader };
}

/** Everything the listener writes on one raw connection, decoded, once it closes it. */
async function rawExchange(port: number, chunks: Buffer[], reader = new RpcCodec()): Promise<unknown[]> {
  const socket: Socket = connect(port, '127.0.0.1');
  const received: unknown[] = [];
  const frames = new FrameReader(1 << 20);
  socket.on('data', (data: Buffer) => frames.push(data, (payload) => received.push(reader.decode(payload))));
  await new Promise((resolve) => socket.once('connect', resolve));
  for (const chunk of chunks) socket.write(chunk);
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
    const { frame, reader } = rawCodecs();
    const call = frame({ pattern: 'echo', data: { n: 3 }, id: 'c1' });
    const received = await rawExchange(
      port,
      [call, frame({ pattern: 'echo', data: { n: 4 }, id: 'c2' })],
      reader,
    );
    expect(received).toEqual([
      {
        id: 'c1',
        err: {
          code: 'Unauthenticated',
          message: 'not authenticated: no credential: the first frame is not a hello',
        },
        isDisposed: true,
      },
    ]);
    expect(handled.length).toBe(before);
  });

  it('refuses bytes of another protocol with a reason, and keeps answering callers that hold the secret', async () => {
    const json = JSON.stringify({ pattern: 'echo', data: { n: 5 }, id: 'j1' });
    const received = await rawExchange(port, [Buffer.from(`${json.length}#${json}`)]);
    expect(received).toEqual([
      {
        refused: {
          code: 'Unauthenticated',
          message: expect.stringMatching(
            /^not authenticated: a frame of \d+ bytes is over the limit of 4096/,
          ),
        },
      },
    ]);
    client = callerWith(secret);
    await expect(firstValueFrom(client.send('echo', { n: 6 }))).resolves.toEqual({ echoed: { n: 6 } });
  });

  it('closes a connection that sends nothing within the hello timeout', async () => {
    const received = await rawExchange(port, []);
    expect(JSON.stringify(received)).toContain('no hello within 300 ms');
    expect(refusals).toContain('no hello within 300 ms');
  });
});
