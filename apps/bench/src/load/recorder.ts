import { LatencyHistogram } from '../stats/latency-histogram';
import { WorkerReport } from './messages';
import { nowUs } from './limit';

/** The body of a bench message: the send time in µs on the shared monotonic clock, then padding. */
export function messageBody(bytes: number): string {
  const stamp = `${nowUs()}|`;
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

  /** A message reached a receiver's listener. */
  message(body: string): void {
    if (!this.measuring) return;
    this.delivered++;
    const bar = body.indexOf('|');
    if (bar > 0) this.latency.record((nowUs() - Number(body.slice(0, bar))) / 1000);
  }

  error(text: string): void {
    this.errors++;
    this.firstError ??= text;
  }

  mark(): void {
    this.measuring = true;
    this.delivered = this.sent = this.acked = this.errors = 0;
    this.latency = new LatencyHistogram();
  }

  report(): WorkerReport {
    this.measuring = false;
    const { delivered, sent, acked, errors, firstError } = this;
    return { delivered, sent, acked, errors, firstError, latency: this.latency.toSparse() };
  }
}
