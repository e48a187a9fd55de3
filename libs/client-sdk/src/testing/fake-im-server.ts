import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { ChatMessage, encodeFrame, ErrorBody, Frame, FrameDecoder, Send, Sync } from '@cim/protocol';

export interface Received {
  socket: Socket;
  frame: Frame;
}

/** How the fake answers a SEND: SEND_ACK, an ERROR, or nothing at all. */
export type SendAnswer = 'ack' | 'silent' | ErrorBody;

/**
 * An in-process im-server for unit specs: speaks real frames (encodeFrame / FrameDecoder), answers
 * LOGIN, PING, SEND and SYNC as the real one does, accepts each client message id once, and lets a spec
 * push MESSAGE, KICKED and RECONNECT frames or drop connections.
 */
export class FakeImServer {
  readonly received: Received[] = [];
  readonly sockets = new Set<Socket>();
  /** client message id → message id, for duplicate answers. */
  readonly accepted = new Map<string, string>();
  heartbeatIntervalMs = 10_000;
  answerPings = true;
  sendAnswer: (send: Send) => SendAnswer = () => 'ack';
  /** The seq a SEND_ACK names (0: none, as from servers that predate it), by client message id. */
  ackSeq: (send: Send) => number = () => 0;
  /** Frames written right after LOGIN_ACK (an inbox). */
  afterLogin: () => Frame[] = () => [];
  /** Each conversation's kept messages, which SYNC answers from (ascending seq). */
  readonly history = new Map<string, ChatMessage[]>();
  /** How the fake answers a SYNC: from `history`, an ERROR, or nothing at all. */
  syncAnswer: (sync: Sync) => 'history' | 'silent' | ErrorBody = () => 'history';
  /** How MARK_READ is answered ('silent': never): by default READ_STATE with the seq asked. */
  markReadAnswer: (conversation: string, seq: number) => Frame | 'silent' = (conversation, seq) => ({
    readState: { conversation, userId: 'self', seq },
  });
  /** Answer LOGIN with this ERROR and close, as a server does for a bad token. */
  loginError?: ErrorBody;
  /** Answer the next LOGINs, one each, with these ERRORs and close (a busy server), before `loginError`. */
  readonly loginRefusals: ErrorBody[] = [];
  private nextMessageId = 1;
  private listeningPort = 0;

  private constructor(
    readonly id: string,
    private readonly server: Server,
  ) {}

  static async start(id: string): Promise<FakeImServer> {
    const server = createServer();
    const fake = new FakeImServer(id, server);
    server.on('connection', (socket) => fake.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.listeningPort = (server.address() as AddressInfo).port;
    return fake;
  }

  /** The port it listened on (still known once stopped, so that clients can be refused there). */
  get port(): number {
    return this.listeningPort;
  }

  frames<K extends keyof Frame>(kind: K): Frame[] {
    return this.received.map((r) => r.frame).filter((f) => f[kind]);
  }

  /** Writes one MESSAGE frame to every connection. */
  push(...messages: ChatMessage[]): void {
    this.writeAll({ messages: { messages } });
  }

  writeAll(frame: Frame): void {
    for (const socket of this.sockets) socket.write(encodeFrame(frame));
  }

  /** Writes a last frame (or none) and closes every connection. */
  closeAll(last?: Frame): void {
    for (const socket of this.sockets) {
      if (last) socket.end(encodeFrame(last));
      else socket.destroy();
    }
  }

  async stop(): Promise<void> {
    this.closeAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => decoder.push(chunk, (frame) => this.answer(socket, frame)));
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }

  private answer(socket: Socket, frame: Frame): void {
    this.received.push({ socket, frame });
    const { requestId } = frame;
    const write = (answer: Frame) => socket.write(encodeFrame({ requestId, ...answer }));
    const refusal = frame.login ? (this.loginRefusals.shift() ?? this.loginError) : undefined;
    if (refusal) {
      socket.end(encodeFrame({ requestId, error: { ...refusal, answers: 'login' } }));
    } else if (frame.login) {
      const { userId } = frame.login;
      const loginAck = {
        userId,
        userName: `user-${userId}`,
        serverId: this.id,
        heartbeatIntervalMs: this.heartbeatIntervalMs,
        idleTimeoutMs: this.heartbeatIntervalMs * 3,
      };
      socket.write(
        Buffer.concat(
          [{ loginAck }, ...this.afterLogin()].map((f, i) => encodeFrame(i ? f : { requestId, ...f })),
        ),
      );
    } else if (frame.ping && this.answerPings) {
      write({ pong: {} });
    } else if (frame.sync) {
      const answer = this.syncAnswer(frame.sync);
      if (answer === 'silent') return;
      write(
        answer === 'history'
          ? { syncBatch: this.page(frame.sync) }
          : { error: { ...answer, answers: 'sync' } },
      );
    } else if (frame.markRead) {
      const answer = this.markReadAnswer(frame.markRead.conversation, Number(frame.markRead.seq));
      if (answer !== 'silent') write(answer);
    } else if (frame.send) {
      const answer = this.sendAnswer(frame.send);
      if (answer === 'silent') return;
      if (answer !== 'ack') {
        write({ error: { ...answer, clientMsgId: frame.send.clientMsgId } });
        return;
      }
      const earlier = this.accepted.get(frame.send.clientMsgId);
      const messageId = earlier ?? `m${this.nextMessageId++}`;
      this.accepted.set(frame.send.clientMsgId, messageId);
      write({
        sendAck: {
          clientMsgId: frame.send.clientMsgId,
          messageId,
          sentAt: 1_700_000_000_000,
          duplicate: !!earlier,
          seq: earlier ? 0 : this.ackSeq(frame.send),
        },
      });
    }
  }

  private page({ conversation, afterSeq, limit }: Sync) {
    const kept = this.history.get(conversation) ?? [];
    const after = kept.filter((m) => Number(m.seq) > Number(afterSeq));
    const messages = after.slice(0, limit || 100);
    const lastSeq = Math.max(0, ...kept.map((m) => Number(m.seq)));
    return { conversation, messages, lastSeq, more: after.length > messages.length };
  }
}
