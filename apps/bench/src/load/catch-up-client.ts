import { Frame, SYNC_MAX_LIMIT } from '@cim/protocol';
import { FrameLink, openLink } from './carrier/frame-link';
import { requestSession } from './carrier/session-request';
import { CimDoor } from './cim-connection';
import { messageBody } from './recorder';

const TIMEOUT_MS = 60_000;

/**
 * One device speaking raw frames for W4's catch-up, by the run's carrier: logs in, can send a run of
 * messages to a group (a window of SENDs awaiting SEND_ACK), and can sync a conversation from a seq,
 * page after page, as a returning device does. One thing at a time: each call resolves when its
 * answers have all come.
 */
export class CatchUpClient {
  private onFrame: (frame: Frame) => void = () => undefined;

  private constructor(private readonly link: FrameLink) {
    link.onFrames = (frames) => frames.forEach((frame) => this.onFrame(frame));
    link.onClose = (error) => this.fail(error ?? new Error('the connection closed'));
  }

  static async open(door: CimDoor, name: string, password: string): Promise<CatchUpClient> {
    const body = { name, password };
    const answer = await requestSession(door.gatewayUrl, 'login', body, door.carrier, TIMEOUT_MS);
    const client = new CatchUpClient(await openLink(door.carrier, answer.server, TIMEOUT_MS));
    const login = { userId: answer.userId, token: answer.token };
    await client
      .exchange({ requestId: 1, login }, (f) => (f.loginAck ? true : undefined))
      .catch((error) => {
        client.close();
        throw error;
      });
    return client;
  }

  /** Sends `count` messages to the group, `window` awaiting SEND_ACK at a time. */
  sendToGroup(groupId: string, count: number, window: number): Promise<void> {
    let sent = 0;
    let acked = 0;
    const sendOne = () =>
      this.write({ send: { clientMsgId: `c-${++sent}`, groupId, body: messageBody(64) } });
    return new Promise<void>((resolve, reject) => {
      this.onFrame = (frame) => {
        if (frame.error) return this.fail(new Error(`SEND refused: ${frame.error.text}`));
        if (!frame.sendAck) return;
        if (++acked === count) return resolve();
        if (sent < count) sendOne();
      };
      this.rejectWith = reject;
      for (let i = 0; i < Math.min(window, count); i++) sendOne();
    });
  }

  /** SYNCs the conversation from afterSeq until the server says nothing more follows; answers the messages received. */
  async syncAll(conversation: string, afterSeq: number): Promise<number> {
    let received = 0;
    for (let from = afterSeq, requestId = 2; ; requestId++) {
      const batch = await this.exchange(
        { requestId, sync: { conversation, afterSeq: from, limit: SYNC_MAX_LIMIT } },
        (f) => (f.syncBatch && f.requestId === requestId ? f.syncBatch : undefined),
      );
      received += batch.messages.length;
      if (!batch.more || !batch.messages.length) return received;
      from = Number(batch.messages[batch.messages.length - 1].seq);
    }
  }

  close(): void {
    this.link.onClose = () => undefined;
    this.link.close();
  }

  private rejectWith: (error: Error) => void = () => undefined;

  /** Writes the frame and resolves with the first answer `match` accepts; an ERROR rejects. */
  private exchange<T>(frame: Frame, match: (frame: Frame) => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.onFrame = (answer) => {
        if (answer.error) return this.fail(new Error(`refused: ${answer.error.text}`));
        const value = match(answer);
        if (value !== undefined) resolve(value);
      };
      this.rejectWith = reject;
      this.write(frame);
    });
  }

  private fail(error: Error): void {
    this.rejectWith(error);
  }

  private write(frame: Frame): void {
    this.link.send(frame);
  }
}
