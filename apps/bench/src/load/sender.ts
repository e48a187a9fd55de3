import { LoadConnection } from './load-connection';
import { SenderSpec } from './messages';
import { messageBody, Recorder } from './recorder';

/** Keeps `window` messages in flight from one connection: each ack (or refusal) sends the next. */
export class Sender {
  private running = false;
  private seq = 0;

  constructor(
    private readonly connection: LoadConnection,
    private readonly spec: SenderSpec,
    private readonly bodyBytes: number,
    private readonly recorder: Recorder,
  ) {
    connection.onSendDone = (ok) => {
      if (ok) recorder.acked++;
      if (this.running) this.sendOne();
    };
  }

  start(): void {
    this.running = true;
    for (let i = 0; i < this.spec.window; i++) this.sendOne();
  }

  stop(): void {
    this.running = false;
  }

  private sendOne(): void {
    if (this.spec.count !== undefined && this.seq >= this.spec.count) return;
    const { groupId, group, receiverId } = this.spec;
    const target = groupId ? { groupId } : group ? { group: true } : { receiverId };
    this.recorder.sent++;
    const n = ++this.seq;
    this.connection.send(`${this.spec.userId}-${n}`, target, messageBody(this.bodyBytes, n));
  }
}
