import { Frame, Send } from '@cim/protocol';
import { FrameConnection } from '../connection';
import { ConnectionLostError } from '../errors';

interface Written {
  send: Send;
  /** How long the outbox asked the connection to keep waiting for the answer, ms. */
  timeoutMs?: number;
  answer(frame: Frame): void;
  fail(error: Error): void;
}

/**
 * A connection that records each SEND written and lets a test answer it, refuse it, silence the
 * connection or drop it. Until silenced it hears from the server all the time (its PONGs keep coming).
 */
export class RecordingConnection {
  open = true;
  readonly written: Written[] = [];
  private silentSince?: number;

  get lastReceivedAt(): number {
    return this.silentSince ?? Date.now();
  }

  /** Nothing more is heard from the server (a frozen im-server, a dead network). */
  silence(): void {
    this.silentSince = Date.now();
  }

  /** The server is heard from again. */
  resume(): void {
    this.silentSince = undefined;
  }

  request(frame: Frame, timeoutMs?: number): Promise<Frame> {
    return new Promise((resolve, reject) => {
      this.written.push({ send: frame.send!, timeoutMs, answer: resolve, fail: reject });
    });
  }

  drop(): void {
    this.open = false;
    for (const w of this.written) w.fail(new ConnectionLostError('lost'));
  }

  /** Answers the index-th write with SEND_ACK: message id `m-<send seq>`. */
  ack(index: number, duplicate = false): void {
    const { send, answer } = this.written[index];
    answer({
      sendAck: { clientMsgId: send.clientMsgId, messageId: `m-${send.sendSeq}`, sentAt: 1, duplicate },
    });
  }

  get seqs(): number[] {
    return this.written.map((w) => Number(w.send.sendSeq));
  }

  get as(): FrameConnection {
    return this as unknown as FrameConnection;
  }
}
