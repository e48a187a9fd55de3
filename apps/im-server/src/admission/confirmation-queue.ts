import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@cim/protocol';
import { ImServerEnv } from '../config/im-server.env';
import { ClientFrameError } from '../transport/client-frame.error';
import { WaitingLine } from './waiting-line';

/** What the queue reads of a LOGIN's connection: whether its client is still there. */
export interface Waiter {
  readonly open: boolean;
}

interface Entry {
  waiter: Waiter;
  admit(): void;
  refuse(error: ClientFrameError): void;
  timer: NodeJS.Timeout;
}

/**
 * The bound on this server's session confirmations with the route-gateways (SessionOpened): at most
 * CIM_MAX_SESSION_CONFIRMATIONS under way, the next LOGINs waiting in arrival order. A LOGIN that has
 * waited CIM_SESSION_CONFIRMATION_WAIT_MS is answered UNAVAILABLE with retry_after_ms
 * (CIM_LOGIN_BUSY_RETRY_AFTER_MS) and closed; one whose client left while it waited is not confirmed
 * at all. So a crowd reconnecting at once (the clients of a dead server) costs the gateways a bounded
 * number of calls at a time, each answered well within its timeout, instead of thousands that all time
 * out together and send their clients back to log in again.
 */
@Injectable()
export class ConfirmationQueue {
  private underWay = 0;
  private readonly waiting = new WaitingLine<Entry>();

  constructor(private readonly env: ImServerEnv) {}

  /** Confirmations under way and LOGINs waiting for a place. */
  get load(): { underWay: number; waiting: number } {
    return { underWay: this.underWay, waiting: this.waiting.length };
  }

  /** Runs `confirm` once a place is free; throws the busy refusal if none frees in time. */
  async run<T>(waiter: Waiter, confirm: () => Promise<T>): Promise<T> {
    await this.enter(waiter);
    try {
      return await confirm();
    } finally {
      this.underWay--;
      this.admitNext();
    }
  }

  private enter(waiter: Waiter): Promise<void> {
    if (this.underWay < this.env.CIM_MAX_SESSION_CONFIRMATIONS && this.waiting.length === 0) {
      this.underWay++;
      return Promise.resolve();
    }
    return new Promise<void>((admit, refuse) => {
      const entry: Entry = { waiter, admit, refuse, timer: undefined as unknown as NodeJS.Timeout };
      const place = this.waiting.push(entry);
      entry.timer = setTimeout(() => {
        this.waiting.remove(place);
        refuse(this.busy());
      }, this.env.CIM_SESSION_CONFIRMATION_WAIT_MS);
    });
  }

  private admitNext(): void {
    while (this.underWay < this.env.CIM_MAX_SESSION_CONFIRMATIONS && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      clearTimeout(entry.timer);
      if (!entry.waiter.open) {
        entry.refuse(clientGone());
        continue;
      }
      this.underWay++;
      entry.admit();
    }
  }

  private busy(): ClientFrameError {
    const retryAfterMs = this.env.CIM_LOGIN_BUSY_RETRY_AFTER_MS;
    const text =
      `this server is busy confirming ${this.underWay} sessions with the route-gateway ` +
      `(${this.waiting.length} more waiting); try again in ${(retryAfterMs / 1000).toFixed(1)} s`;
    return new ClientFrameError(ErrorCode.Unavailable, text, true, retryAfterMs);
  }
}

/** Answers a LOGIN whose connection closed while it waited: nobody reads it. */
export function clientGone(): ClientFrameError {
  return new ClientFrameError(ErrorCode.Unavailable, 'the client left before its LOGIN was confirmed', true);
}
