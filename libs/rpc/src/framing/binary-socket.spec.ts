import { createServer, Server, Socket } from 'node:net';
import { freePort } from '@cim/local-cluster';
import { eventually } from '../../../../test/harness/eventually';
import { BinarySocket } from './binary-socket';

/** A connected pair: the BinarySocket under test and the raw socket at the other end. */
async function pair(): Promise<{ server: Server; ours: BinarySocket; theirs: Socket }> {
  const port = await freePort();
  let accept!: (socket: Socket) => void;
  const accepted = new Promise<Socket>((resolve) => (accept = resolve));
  const server = createServer(accept);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const ours = new BinarySocket(new Socket()).connect(port, '127.0.0.1');
  await new Promise((resolve) => ours.netSocket.once('connect', resolve));
  return { server, ours, theirs: await accepted };
}

/** The messages a BinarySocket reads from what the raw end writes. */
function messagesOf(reading: BinarySocket): unknown[] {
  const messages: unknown[] = [];
  reading.on('message', (m: unknown) => messages.push(m));
  return messages;
}

/** Waits (5 s at most) for the condition; the error names what was awaited. */
async function until(condition: () => boolean, what: string): Promise<void> {
  await eventually(() => expect({ [what]: condition() }).toEqual({ [what]: true }), 5000, 5);
}

describe('BinarySocket', () => {
  let server: Server;
  let ours: BinarySocket;
  let theirs: Socket;

  beforeEach(async () => ({ server, ours, theirs } = await pair()));

  afterEach(async () => {
    ours.netSocket.destroy();
    theirs.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('writes the messages sent in one tick in one write, in order, and the peer reads them all', async () => {
    const echo = new BinarySocket(theirs);
    const received = messagesOf(echo);
    const write = jest.spyOn(ours.netSocket, 'write');
    for (let i = 0; i < 100; i++) ours.sendMessage({ pattern: 'p', data: { i }, id: String(i) });
    await until(() => received.length === 100, '100 messages');
    expect(write).toHaveBeenCalledTimes(1);
    expect(received.map((m) => (m as { data: { i: number } }).data.i)).toEqual([...Array(100).keys()]);
  });

  it('writes a lone message before the event loop turns again (no added tick)', async () => {
    const write = jest.spyOn(ours.netSocket, 'write');
    let turned = false;
    let turnedAtWrite: boolean | undefined;
    write.mockImplementation(function (this: Socket, ...args: unknown[]) {
      turnedAtWrite = turned;
      return (Socket.prototype.write as (...a: unknown[]) => boolean).apply(this, args);
    });
    setImmediate(() => (turned = true));
    ours.sendMessage({ pattern: 'p', data: {}, id: '1' });
    await until(() => turnedAtWrite !== undefined, 'the write');
    expect(turnedAtWrite).toBe(false);
  });

  it('stops reading from a peer that does not take what is written, and reads again once it does', async () => {
    theirs.pause();
    ours.sendMessage({ pattern: 'p', data: { blob: 'x'.repeat(20 * 1024 * 1024) }, id: '1' });
    await until(() => ours.netSocket.isPaused(), 'reading to stop');
    theirs.resume();
    await until(() => !ours.netSocket.isPaused(), 'reading to resume');
  });

  it('refuses an oversize frame as an error naming it, and closes that connection', async () => {
    ours.maxFrameBytes = 1000;
    const errors: unknown[] = [];
    ours.on('error', (error: unknown) => errors.push(error));
    const closed = new Promise((resolve) => theirs.once('end', resolve));
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1001);
    theirs.write(header);
    await closed;
    expect(errors).toEqual([expect.stringMatching(/^a frame of 1001 bytes is over the limit of 1000 /)]);
  });
});
