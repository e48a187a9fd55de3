import { LatencyHistogram } from '../stats/latency-histogram';
import { WorkerReport } from './messages';
import { nowUs } from './limit';
import { SeenMessages } from './seen-messages';

/**
 * The body of a bench message: the send time in µs on the shared monotonic clock, the sender's number
 * for the message when given, then padding.
 */
export function messageBody(bytes: number, n?: number): string {
  const stamp = n === undefined ? `${nowUs()}|` : `${nowUs()}|${n}|`;
  return stamp.length >= bytes ? stamp : stamp + 'x'.repeat(bytes - stamp.length);
}

/** What one load worker counts: deliveries and their latency while measuring, sends and errors. */
export class Recorder {
  measuring = false;
  delivered = 0;
  sent = 0;
  acked = 0;
  errors = 0;
  firstError?: string;
  private latency = new LatencyHistogram();
  private seen = new SeenMessages();

  /** A message reached a receiver's listener; with its sender, repeats of a numbered one are counted. */
  message(body: string, senderId?: string): void {
    if (!this.measuring) return;
    this.delivered++;
    const bar = body.indexOf('|');
    if (bar > 0) this.latency.record((nowUs() - Number(body.slice(0, bar))) / 1000);
    const next = senderId === undefined ? -1 : body.indexOf('|', bar + 1);
    if (next > bar + 1) this.seen.add(senderId!, Number(body.slice(bar + 1, next)));
  }

  error(text: string): void {
    this.errors++;
    this.firstError ??= text;
  }

  mark(): void {
    this.measuring = true;
    this.delivered = this.sent = this.acked = this.errors = 0;
    this.latency = new LatencyHistogram();
    this.seen = new SeenMessages();
  }

  /** The counts so far, measuring on. */
  progress(): Omit<WorkerReport, 'latency'> {
    const { delivered, sent, acked, errors, firstError } = this;
    const { unique, duplicates } = this.seen;
    return { delivered, sent, acked, errors, firstError, unique, duplicates };
  }

  report(): WorkerReport {
    this.measuring = false;
    return { ...this.progress(), latency: this.latency.toSparse() };
  }
}
