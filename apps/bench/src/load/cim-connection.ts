import { randomBytes } from 'node:crypto';
import { Frame, MessageKind } from '@cim/protocol';
import { CarrierName } from '../options';
import { FrameLink, openLink } from './carrier/frame-link';
import { requestSession, SessionAnswer } from './carrier/session-request';
import { LoadConnection, SendTarget } from './load-connection';
import { Recorder } from './recorder';

const LOGIN_TIMEOUT_MS = 60_000;

/** How a cim load connection reaches cim: a route-gateway's HTTP API, then an im-server by the carrier. */
export interface CimDoor {
  gatewayUrl: string;
  carrier: CarrierName;
}

/**
 * A cim user speaking raw frames (no SDK, to keep the generator cheap): HTTP login (or resume, with the
 * credential of an earlier login), a connection by the carrier (TCP or WebSocket), LOGIN and LOGIN_ACK;
 * then SEND (numbered in the connection's send session, as the SDK numbers them), SEND_ACK, and one
 * DELIVERY_ACK per read for the MESSAGEs in it. It PINGs at the LOGIN_ACK's heartbeat interval, as
 * the SDK does, so that a user who neither sends nor receives during a long run (the soak's) is not
 * closed by the im-server's idle sweep.
 */
export class CimConnection implements LoadConnection {
  onSendDone: (ok: boolean) => void = () => undefined;
  private requestId = 1;
  /** Numbers the SENDs of this connection's login (LOGIN send_session, SEND send_seq). */
  private readonly sendSession = randomBytes(12).toString('base64url');
  private sendSeq = 0;
  private heartbeat?: NodeJS.Timeout;

  private constructor(
    readonly userId: string,
    readonly server: string,
    /** The resume credential of the login: resume() comes back with it. */
    readonly resumeCredential: string | undefined,
    private readonly link: FrameLink,
    private readonly recorder: Recorder,
  ) {}

  static async open(
    door: CimDoor,
    name: string,
    password: string,
    recorder: Recorder,
    localAddress?: string,
  ): Promise<CimConnection> {
    const body = { name, password };
    const answer = await requestSession(door.gatewayUrl, 'login', body, door.carrier, LOGIN_TIMEOUT_MS);
    return CimConnection.establish(answer, door, recorder, localAddress);
  }

  /** POST /api/resume with the credential, then connect and LOGIN as open() does. */
  static async resume(
    door: CimDoor,
    credential: string,
    recorder: Recorder,
    localAddress?: string,
  ): Promise<CimConnection> {
    const body = { credential };
    const answer = await requestSession(door.gatewayUrl, 'resume', body, door.carrier, LOGIN_TIMEOUT_MS);
    return CimConnection.establish(answer, door, recorder, localAddress);
  }

  private static async establish(
    answer: SessionAnswer,
    door: CimDoor,
    recorder: Recorder,
    localAddress?: string,
  ): Promise<CimConnection> {
    const link = await openLink(door.carrier, answer.server, LOGIN_TIMEOUT_MS, localAddress);
    const connection = new CimConnection(
      answer.userId,
      answer.server.id,
      answer.resume?.credential,
      link,
      recorder,
    );
    await connection.logIn(answer.token);
    return connection;
  }

  send(clientMsgId: string, target: SendTarget, body: string): void {
    const send = { clientMsgId, ...target, body, sendSeq: ++this.sendSeq };
    this.link.send({ requestId: ++this.requestId, send });
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.link.close();
  }

  private logIn(token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`no LOGIN_ACK within ${LOGIN_TIMEOUT_MS} ms`)),
        LOGIN_TIMEOUT_MS,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.link.onClose = () => undefined;
        this.link.close();
        reject(error);
      };
      this.link.onClose = (error) =>
        fail(new Error(`closed before LOGIN_ACK${error ? `: ${error.message}` : ''}`));
      this.link.onFrames = (frames) => {
        const ack = frames.findIndex((frame) => frame.loginAck);
        const refusal = frames.slice(0, ack < 0 ? undefined : ack).find((frame) => frame.error);
        if (refusal) return fail(new Error(`LOGIN refused: ${refusal.error!.text}`));
        if (ack < 0) return;
        clearTimeout(timer);
        this.beat(frames[ack].loginAck!.heartbeatIntervalMs);
        this.link.onFrames = (later) => this.handle(later);
        this.link.onClose = (error) => {
          clearInterval(this.heartbeat);
          if (this.recorder.measuring)
            this.recorder.error(`${this.userId}: closed${error ? `: ${error.message}` : ''}`);
        };
        this.handle(frames.slice(ack + 1));
        resolve();
      };
      this.link.send({ requestId: 1, login: { userId: this.userId, token, sendSession: this.sendSession } });
    });
  }

  private beat(intervalMs: number): void {
    if (!intervalMs) return;
    this.heartbeat = setInterval(() => this.link.send({ requestId: ++this.requestId, ping: {} }), intervalMs);
    this.heartbeat.unref();
  }

  /** One read's frames: messages recorded, and one DELIVERY_ACK for every private message in them. */
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
    if (ids) this.link.send({ deliveryAck: { messageIds: ids } });
  }
}
