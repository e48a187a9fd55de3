import { randomBytes } from 'node:crypto';
import { connect, Socket } from 'node:net';
import { encodeFrame, Frame, FrameDecoder, MessageKind } from '@cim/protocol';
import { LoadConnection, SendTarget } from './load-connection';
import { Recorder } from './recorder';

const LOGIN_TIMEOUT_MS = 60_000;

interface LoginAnswer {
  userId: string;
  token: string;
  server: { id: string; host: string; port: number };
  resume?: { credential: string };
}

/**
 * A cim user speaking raw frames (no SDK, to keep the generator cheap): HTTP login (or resume, with the
 * credential of an earlier login), TCP connect, LOGIN and LOGIN_ACK; then SEND (numbered in the
 * connection's send session, as the SDK numbers them), SEND_ACK, and one DELIVERY_ACK per socket read
 * for the MESSAGEs in it.
 */
export class CimConnection implements LoadConnection {
  onSendDone: (ok: boolean) => void = () => undefined;
  private readonly decoder = new FrameDecoder(16 * 1024 * 1024);
  private requestId = 1;
  /** Numbers the SENDs of this connection's login (LOGIN send_session, SEND send_seq). */
  private readonly sendSession = randomBytes(12).toString('base64url');
  private sendSeq = 0;

  private constructor(
    readonly userId: string,
    readonly server: string,
    /** The resume credential of the login: resume() comes back with it. */
    readonly resumeCredential: string | undefined,
    private readonly socket: Socket,
    private readonly recorder: Recorder,
  ) {}

  static async open(
    gatewayUrl: string,
    name: string,
    password: string,
    recorder: Recorder,
    localAddress?: string,
  ): Promise<CimConnection> {
    const answer = await post(`${gatewayUrl}/api/login`, { name, password }, `login ${name}`);
    return CimConnection.establish(answer, recorder, localAddress);
  }

  /** POST /api/resume with the credential, then connect and LOGIN as open() does. */
  static async resume(
    gatewayUrl: string,
    credential: string,
    recorder: Recorder,
    localAddress?: string,
  ): Promise<CimConnection> {
    const answer = await post(`${gatewayUrl}/api/resume`, { credential }, 'resume');
    return CimConnection.establish(answer, recorder, localAddress);
  }

  private static async establish(
    answer: LoginAnswer,
    recorder: Recorder,
    localAddress?: string,
  ): Promise<CimConnection> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect({ host: answer.server.host, port: answer.server.port, localAddress }, () =>
        resolve(s),
      );
      s.once('error', reject);
    });
    socket.setNoDelay(true);
    const connection = new CimConnection(
      answer.userId,
      answer.server.id,
      answer.resume?.credential,
      socket,
      recorder,
    );
    await connection.logIn(answer.token);
    return connection;
  }

  send(clientMsgId: string, target: SendTarget, body: string): void {
    const send = { clientMsgId, ...target, body, sendSeq: ++this.sendSeq };
    this.write({ requestId: ++this.requestId, send });
  }

  close(): void {
    this.socket.destroy();
  }

  private write(frame: Frame): void {
    this.socket.write(encodeFrame(frame));
  }

  private logIn(token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`no LOGIN_ACK within ${LOGIN_TIMEOUT_MS} ms`)),
        LOGIN_TIMEOUT_MS,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.socket.destroy();
        reject(error);
      };
      // An error is followed by 'close', which fails the login or is counted.
      this.socket.on('error', () => undefined);
      this.socket.once('close', () => fail(new Error('closed before LOGIN_ACK')));
      const onLogin = (chunk: Buffer) => {
        let acked = false;
        this.decoder.push(chunk, (frame) => {
          if (frame.loginAck) acked = true;
          else if (frame.error) fail(new Error(`LOGIN refused: ${frame.error.text}`));
          else if (acked) this.handle([frame]);
        });
        if (!acked) return;
        clearTimeout(timer);
        this.socket.removeAllListeners('close');
        this.socket.off('data', onLogin);
        this.socket.on('data', (data: Buffer) => this.read(data));
        this.socket.on(
          'close',
          () => this.recorder.measuring && this.recorder.error(`${this.userId}: closed`),
        );
        resolve();
      };
      this.socket.on('data', onLogin);
      this.write({ requestId: 1, login: { userId: this.userId, token, sendSession: this.sendSession } });
    });
  }

  /** One socket read: its frames, and one DELIVERY_ACK for every message in them; writes leave together. */
  private read(chunk: Buffer): void {
    const frames: Frame[] = [];
    this.decoder.push(chunk, (frame) => frames.push(frame));
    this.socket.cork();
    this.handle(frames);
    this.socket.uncork();
  }

  private handle(frames: Frame[]): void {
    let ids: string[] | undefined;
    for (const frame of frames) {
      if (frame.messages) {
        for (const message of frame.messages.messages) {
          this.recorder.message(message.body, message.senderId);
          // Group broadcasts are not kept for redelivery, so they need no acknowledgement.
          if (message.kind !== MessageKind.Group) (ids ??= []).push(message.messageId);
        }
      } else if (frame.sendAck) {
        this.onSendDone(true);
      } else if (frame.error) {
        this.recorder.error(frame.error.text);
        if (frame.error.answers === 'send') this.onSendDone(false);
      }
    }
    if (ids) this.write({ deliveryAck: { messageIds: ids } });
  }
}

async function post(url: string, body: unknown, what: string): Promise<LoginAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(LOGIN_TIMEOUT_MS),
  });
  const answer = (await response.json()) as LoginAnswer;
  if (response.status !== 200) throw new Error(`${what}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}
