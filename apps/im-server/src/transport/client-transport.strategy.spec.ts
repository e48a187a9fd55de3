import { connect, Socket } from 'node:net';
import { decodeFrames, encodeFrame, ErrorCode, Frame } from '@cim/protocol';
import { ClientTransport } from './client-transport.strategy';
import { Connection } from './connection';
import { TcpCarrier } from './carriers/tcp-carrier';

/** The transport on a real socket, with plain handlers in place of the Nest pipeline. */
describe('ClientTransport', () => {
  let transport: ClientTransport;
  let tcp: TcpCarrier;
  let handled: string[];
  let release: () => void;
  let gate: Promise<void>;
  let errors: unknown[];
  const connections = new Map<string, Connection>();

  beforeEach(async () => {
    handled = [];
    errors = [];
    gate = Promise.resolve();
    tcp = new TcpCarrier({ host: '127.0.0.1', port: 0, maxFrameBytes: 1024 });
    transport = new ClientTransport({
      carriers: [tcp],
      idleTimeoutMs: 60_000,
      frameTimeoutMs: 300,
      loginTimeoutMs: 600,
      maxOutboundBytes: 256 * 1024,
      sendLimit: { ratePerSecond: 1000, burst: 1000 },
      onError: (cause) => errors.push(cause),
    });
    transport.addHandler('login', async (frame: Frame, connection: Connection) => {
      connection.session = {
        userId: frame.login!.userId,
        userName: 'u',
        sessionId: 's',
        deviceId: 'default',
        deviceKind: 'other',
      };
      connections.set(frame.login!.userId, connection);
      handled.push('login');
    });
    // Answers a SEND with as many 60 KB messages as its body says.
    transport.addHandler('send', async (frame: Frame, connection: Connection) => {
      const body = 'x'.repeat(60_000);
      for (let i = 0; i < Number(frame.send!.body); i++) {
        const message = { messageId: `${i}`, seq: i, senderId: '1', senderName: 'a', receiverId: '2' };
        connection.write({ messages: { messages: [{ ...message, kind: 1, body, sentAt: 1 }] } });
      }
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

  interface Client {
    socket: Socket;
    received: () => Frame[];
    /** Resolves once the server has closed the connection, failing after a deadline. */
    closed: () => Promise<void>;
  }

  function client(): Promise<Client> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let ended = false;
      const socket = connect(tcp.port, '127.0.0.1', () =>
        resolve({
          socket,
          received: () => decodeFrames(Buffer.concat(chunks)),
          closed: () => until(() => ended),
        }),
      );
      socket.on('close', () => (ended = true));
      socket.on('data', (chunk) => chunks.push(chunk));
    });
  }

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
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
    await closed();
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

  it('decodes no further than the frames it lets wait, however many arrive in one read', async () => {
    gate = new Promise<void>((resolve) => (release = resolve));
    const { socket, received } = await client();
    const flood = [
      { login: { userId: '4', token: 't' } },
      ...Array.from({ length: 5000 }, (_, i) => ({ requestId: i + 1, ping: {} })),
    ];
    socket.write(Buffer.concat(flood.map(encodeFrame)));
    await until(() => connections.has('4') && handled.length === 1);
    let mostQueued = 0;
    const watch = setInterval(() => (mostQueued = Math.max(mostQueued, connections.get('4')!.queued)), 1);
    await new Promise((r) => setTimeout(r, 500)); // the whole flood has arrived by now
    mostQueued = Math.max(mostQueued, connections.get('4')!.queued);
    expect(mostQueued).toBeGreaterThan(0);
    expect(mostQueued).toBeLessThanOrEqual(1000);
    release();
    await until(() => received().length === 5000);
    clearInterval(watch);
    expect(received().map((f) => f.requestId)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    socket.destroy();
  });

  it('closes a connection whose frame does not complete in time, with ERROR naming the cause', async () => {
    const bystander = await client();
    bystander.socket.write(encodeFrame({ login: { userId: '5', token: 't' } }));
    const { socket, received, closed } = await client();
    socket.write(encodeFrame({ login: { userId: '6', token: 't' } }));
    // A frame that announces 500 bytes, then trickles one byte at a time.
    socket.write(Buffer.from([0xf4, 0x03]));
    const trickle = setInterval(() => socket.writable && socket.write(Buffer.from([0x0a])), 50);
    await closed();
    clearInterval(trickle);
    expect(received()).toContainEqual(
      expect.objectContaining({
        error: expect.objectContaining({
          code: ErrorCode.MalformedFrame,
          text: expect.stringMatching(/300 ms/),
        }),
      }),
    );
    expect(errors).toContain('frame_timeout');
    bystander.socket.write(encodeFrame({ requestId: 8, ping: {} }));
    await until(() => bystander.received().some((f) => f.requestId === 8 && f.pong));
    bystander.socket.destroy();
  });

  it('closes a connection not logged in in time, with ERROR naming the cause', async () => {
    const { received, closed } = await client();
    await closed();
    expect(received()).toEqual([
      expect.objectContaining({
        error: expect.objectContaining({
          code: ErrorCode.NotLoggedIn,
          text: expect.stringMatching(/600 ms/),
        }),
      }),
    ]);
    expect(errors).toEqual(['login_timeout']);
  });

  it('keeps a logged-in connection that sends nothing for longer than the login deadline', async () => {
    const { socket, received } = await client();
    socket.write(encodeFrame({ login: { userId: '9', token: 't' } }));
    await until(() => connections.has('9'));
    await new Promise((r) => setTimeout(r, 1000));
    socket.write(encodeFrame({ requestId: 1, ping: {} }));
    await until(() => received().some((f) => f.pong));
    socket.destroy();
  });

  it('closes every connection when it closes, logged in or not, and tells the handlers of each', async () => {
    const ended: Connection[] = [];
    transport.addHandler(
      'connection.closed',
      async (connection: Connection) => void ended.push(connection),
      true,
    );
    const loggedIn = await client();
    loggedIn.socket.write(encodeFrame({ login: { userId: '13', token: 't' } }));
    await until(() => connections.has('13'));
    const fresh = await client();
    await until(() => (transport as unknown as { connections: Set<Connection> }).connections.size === 2);
    await transport.close();
    await Promise.all([loggedIn.closed(), fresh.closed()]);
    await until(() => ended.length === 2);
    expect(ended).toContain(connections.get('13'));
    expect(ended.every((connection) => !connection.open)).toBe(true);
  });

  it('sends RECONNECT to a client that stops reading and closes it alone', async () => {
    const bystander = await client();
    bystander.socket.write(encodeFrame({ login: { userId: '10', token: 't' } }));
    const { socket, received, closed } = await client();
    socket.write(encodeFrame({ login: { userId: '11', token: 't' } }));
    await until(() => connections.has('11'));
    socket.pause();
    const slow = connections.get('11')!;
    // Each SEND makes the server write ~1 MB; the socket buffers fill, then the server's own buffer.
    for (let i = 0; i < 400 && slow.open; i++) {
      socket.write(encodeFrame({ send: { clientMsgId: `${i}`, receiverId: '2', body: '16' } }));
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(slow.open).toBe(false);
    // The cap plus what the last tick wrote (a SEND or a few): far from the ~400 MB asked for.
    expect(slow.link.backlog).toBeLessThan(8 * 1024 * 1024);
    socket.resume();
    await closed();
    expect(received().at(-1)).toEqual(
      expect.objectContaining({ reconnect: { reason: expect.stringMatching(/not reading/) } }),
    );
    expect(errors).toEqual(['slow_reader']);
    bystander.socket.write(encodeFrame({ requestId: 12, ping: {} }));
    await until(() => bystander.received().some((f) => f.requestId === 12 && f.pong));
    bystander.socket.destroy();
  });
});
