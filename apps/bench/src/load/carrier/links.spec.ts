import { createServer, Server, Socket } from 'node:net';
import { IncomingMessage } from 'node:http';
import { decodeFrameBody, encodeFrame, encodeFrameBody, Frame } from '@cim/protocol';
import { freePort } from '@cim/local-cluster';
import { WebSocket, WebSocketServer } from 'ws';
import { FrameLink, openLink } from './frame-link';

const pong = (requestId: number): Frame => ({ requestId, pong: {} });
const nextBatch = (link: FrameLink) => new Promise<Frame[]>((resolve) => (link.onFrames = resolve));
const closed = (link: FrameLink) => new Promise<Error | undefined>((resolve) => (link.onClose = resolve));

describe('WebSocket link', () => {
  let server: WebSocketServer;
  let url: string;
  let accepted: Promise<{ socket: WebSocket; request: IncomingMessage }>;

  beforeEach(async () => {
    const port = await freePort();
    server = new WebSocketServer({ host: '127.0.0.1', port });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `ws://127.0.0.1:${port}/`;
    accepted = new Promise((resolve) =>
      server.once('connection', (socket, request) => resolve({ socket, request })),
    );
  });

  afterEach(async () => {
    server.clients.forEach((c) => c.terminate());
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends each frame as one binary message and hands over the messages of one read together', async () => {
    const link = await openLink('ws', { id: 'im-1', host: '127.0.0.1', port: 0, url }, 5_000);
    const { socket, request } = await accepted;
    const received = new Promise<Frame>((resolve) =>
      socket.once('message', (data) => resolve(decodeFrameBody(data as Buffer))),
    );
    link.send({ requestId: 7, ping: {} });
    expect(await received).toMatchObject({ requestId: 7, ping: {} });

    const batch = nextBatch(link);
    request.socket.cork();
    [1, 2, 3].forEach((n) => socket.send(encodeFrameBody(pong(n))));
    request.socket.uncork();
    expect((await batch).map((f) => f.requestId)).toEqual([1, 2, 3]);
    link.close();
  });

  it('closes with an error naming the cause when the server sends a text message', async () => {
    const link = await openLink('ws', { id: 'im-1', host: '127.0.0.1', port: 0, url }, 5_000);
    const ended = closed(link);
    (await accepted).socket.send('hello');
    expect((await ended)?.message).toMatch(/text message; cim frames travel in binary ones/);
  });

  it('refuses an address without a WebSocket URL, naming the server', async () => {
    await expect(openLink('ws', { id: 'im-9', host: '127.0.0.1', port: 1 }, 5_000)).rejects.toThrow(
      'im-server im-9 named no WebSocket URL',
    );
  });
});

describe('TCP link', () => {
  let server: Server;
  let port: number;
  let accepted: Promise<Socket>;

  beforeEach(async () => {
    port = await freePort();
    server = createServer();
    accepted = new Promise((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    (await accepted).destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('writes length-prefixed frames and hands over the frames of one read together', async () => {
    const link = await openLink('tcp', { id: 'im-1', host: '127.0.0.1', port }, 5_000);
    const socket = await accepted;
    const received = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    link.send({ requestId: 7, ping: {} });
    expect(await received).toEqual(encodeFrame({ requestId: 7, ping: {} }));

    const batch = nextBatch(link);
    socket.write(Buffer.concat([1, 2, 3].map((n) => encodeFrame(pong(n)))));
    expect((await batch).map((f) => f.requestId)).toEqual([1, 2, 3]);
    link.close();
  });

  it('closes with the decoding error when the stream is not frames', async () => {
    const link = await openLink('tcp', { id: 'im-1', host: '127.0.0.1', port }, 5_000);
    const ended = closed(link);
    (await accepted).write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]));
    expect((await ended)?.message).toMatch(/more than the maximum/);
  });
});
