/** No probe is sent more often than this, whatever session timeout a server grants. */
const MIN_PERIOD_MS = 100;

/** What the probe watches: one ZooKeeper client. */
export interface LivenessTarget {
  /** The session timeout (the one granted, once connected). */
  timeoutMs(): number;
  isConnected(): boolean;
  /** The current connection or connection attempt (its socket), undefined between attempts. */
  attempt(): object | undefined;
  /** A request the server must answer, e.g. `exists('/')`; how it settles does not matter. */
  ask(): Promise<unknown>;
  /** Closes that connection or attempt; the client connects again, in the same session. */
  drop(attempt: object, why: string): void;
}

/**
 * Drops a connection that has stopped answering, which node-zookeeper-client would otherwise keep: it
 * pings an idle connection but never notices that the pings go unanswered (a frozen ZooKeeper, a peer
 * that accepted and never speaks), and after connecting a socket it waits for the server's handshake
 * without a deadline.
 *
 * Every third of the session timeout, a connected client is asked a question; one left unanswered for
 * two thirds of the timeout drops its connection, as ZooKeeper's own clients do after that long without
 * hearing from the server. A connection attempt that has not completed its handshake after two thirds of
 * the timeout is dropped too. The session is kept: the client reconnects in it, and only a connection
 * that stays down for the whole timeout ends it (ZooKeeperSession's `lost`).
 */
export class Liveness {
  private timer?: NodeJS.Timeout;
  private question?: { attempt: object; timer: NodeJS.Timeout };
  /** An attempt seen without a handshake at an earlier tick, and since when. */
  private pending?: { attempt: object; since: number };
  private running = false;

  constructor(private readonly target: LivenessTarget) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    clearTimeout(this.question?.timer);
    this.question = undefined;
  }

  private get period(): number {
    return Math.max(MIN_PERIOD_MS, Math.floor(this.target.timeoutMs() / 3));
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => this.tick(), this.period);
    // The client's own socket keeps the process alive while it should; this timer never does.
    this.timer.unref();
  }

  private tick(): void {
    const attempt = this.target.attempt();
    if (!attempt) this.pending = undefined;
    else if (this.target.isConnected()) {
      this.pending = undefined;
      if (this.question?.attempt !== attempt) this.ask(attempt);
    } else if (this.pending?.attempt !== attempt) this.pending = { attempt, since: Date.now() };
    else if (Date.now() - this.pending.since >= 2 * this.period) {
      this.pending = undefined;
      this.target.drop(attempt, `no handshake within ${2 * this.period} ms`);
    }
    this.schedule();
  }

  private ask(attempt: object): void {
    clearTimeout(this.question?.timer);
    const limit = 2 * this.period;
    const timer = setTimeout(() => {
      if (this.question?.timer !== timer) return;
      this.question = undefined;
      if (this.running && this.target.attempt() === attempt)
        this.target.drop(attempt, `no answer within ${limit} ms`);
    }, limit);
    timer.unref();
    const question = { attempt, timer };
    this.question = question;
    const answered = (): void => {
      if (this.question !== question) return;
      clearTimeout(timer);
      this.question = undefined;
    };
    this.target.ask().then(answered, answered);
  }
}
