import { connect, Socket } from 'node:net';
import { decodeFrames, encodeFrame, ErrorCode, Frame } from '@cim/protocol';
import { ClientTransport } from './client-transport.strategy';
import { Connection } from './connection';

/** The transport on a real socket, with plain handlers in place of the Nest pipeline. */
describe('ClientTransport', () => {
  let transport: ClientTransport;
  let handled: string[];
  let release: () => void;
  let gate: Promise<void>;

  beforeEach(async () => {
    handled = [];
    gate = Promise.resolve();
    transport = new ClientTransport({
      host: '127.0.0.1',
      port: 0,
      maxFrameBytes: 1024,
      idleTimeoutMs: 60_000,
      sendLimit: { ratePerSecond: 1000, burst: 1000 },
    });
    transport.addHandler('login', async (frame: Frame, connection: Connection) => {
      connection.session = { userId: frame.login!.userId, userName: 'u', sessionId: 's' };
      handled.push('login');
    });
    transport.addHandler('ping', async (frame: Frame, connection: Connection) => {
      await gate;
      handled.push(`ping ${frame.requestId}`);
      connection.write({ requestId: frame.requestId, pong: {} });
    });
    await new Promise<void>((resolve, reject) =>
      transport.listen((error) => (error ? reject(error) : resolve())),
    );
  });

  afterEach(() => transport.close());

  function client(): Promise<{ socket: Socket; received: () => Frame[]; closed: Promise<void> }> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const socket = connect(transport.port, '127.0.0.1', () =>
        resolve({ socket, received: () => decodeFrames(Buffer.concat(chunks)), closed }),
      );
      const closed = new Promise<void>((done) => socket.on('close', () => done()));
      socket.on('data', (chunk) => chunks.push(chunk));
    });
  }

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(condition()).toBe(true);
  };

  it('handles the frames of a connection one after another, in order', async () => {
    const { socket, received } = await client();
    const frames = [
      { login: { userId: '1', token: 't' } },
      ...[1, 2, 3].map((requestId) => ({ requestId, ping: {} })),
    ];
    socket.write(Buffer.concat(frames.map(encodeFrame)));
    await until(() => received().length === 3);
    expect(handled).toEqual(['login', 'ping 1', 'ping 2', 'ping 3']);
    socket.destroy();
  });

  it('answers a frame before LOGIN with ERROR and closes only that connection', async () => {
    const bystander = await client();
    bystander.socket.write(encodeFrame({ login: { userId: '2', token: 't' } }));
    const { socket, received, closed } = await client();
    socket.write(encodeFrame({ requestId: 9, ping: {} }));
    await closed;
    expect(received()).toEqual([
      expect.objectContaining({
        requestId: 9,
        error: expect.objectContaining({ code: ErrorCode.NotLoggedIn }),
      }),
    ]);
    bystander.socket.write(encodeFrame({ requestId: 5, ping: {} }));
    await until(() => bystander.received().some((f) => f.requestId === 5 && f.pong));
    bystander.socket.destroy();
  });

  it('stops reading from a client whose frames pile up, and reads again once they are handled', async () => {
    gate = new Promise<void>((resolve) => (release = resolve));
    const pause = jest.spyOn(Socket.prototype, 'pause');
    const resume = jest.spyOn(Socket.prototype, 'resume');
    const { socket, received } = await client();
    const flood = [
      { login: { userId: '3', token: 't' } },
      ...Array.from({ length: 3000 }, (_, i) => ({ requestId: i + 1, ping: {} })),
    ];
    socket.write(Buffer.concat(flood.map(encodeFrame)));
    await new Promise((r) => setTimeout(r, 100));
    expect(handled).toEqual(['login']);
    expect(pause).toHaveBeenCalled();
    release();
    await until(() => received().length === 3000);
    expect(handled).toHaveLength(3001);
    expect(resume).toHaveBeenCalled();
    pause.mockRestore();
    resume.mockRestore();
    socket.destroy();
  });
});
