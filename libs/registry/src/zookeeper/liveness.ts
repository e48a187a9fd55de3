/** No probe is sent more often than this, whatever session timeout a server grants. */
const MIN_PERIOD_MS = 100;
/**
 * A handshake is given at least this long (a busy machine), and at most two thirds of the timeout; in
 * between, a sixth of it. ZooKeeper answers a handshake at once when it serves; one that accepted the
 * connection while starting was seen to hold it for good without a word.
 */
const MIN_HANDSHAKE_MS = 3000;
/** How many looks an attempt gets within its handshake limit. */
const HANDSHAKE_LOOKS = 4;

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
 * hearing from the server. A connection attempt that has not completed its handshake within a sixth of
 * the timeout (at least MIN_HANDSHAKE_MS, at most two thirds of it) is dropped too, so that a restarted
 * ZooKeeper that swallowed one attempt still sees the next well within the session timeout. The session
 * is kept: the client reconnects in it, and only a connection that stays down for the whole timeout ends
 * it (ZooKeeperSession's `lost`).
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

  /** How long an attempt may go without its handshake. */
  private get handshakeMs(): number {
    const timeout = this.target.timeoutMs();
    return Math.min(2 * this.period, Math.max(MIN_HANDSHAKE_MS, Math.floor(timeout / 6)));
  }

  private schedule(): void {
    if (!this.running) return;
    const delay = this.target.isConnected()
      ? this.period
      : Math.min(this.period, Math.max(MIN_PERIOD_MS, Math.floor(this.handshakeMs / HANDSHAKE_LOOKS)));
    this.timer = setTimeout(() => this.tick(), delay);
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
    else if (Date.now() - this.pending.since >= this.handshakeMs) {
      this.pending = undefined;
      this.dropUnlessAnswered(attempt, `no handshake within ${this.handshakeMs} ms`);
    }
    this.schedule();
  }

  /**
   * Drops the attempt once the event loop has read what arrived meanwhile: after a stall of the process,
   * its timers run before its sockets are read, and a handshake may be waiting there.
   */
  private dropUnlessAnswered(attempt: object, why: string): void {
    // A timer set from a timer runs at the next turn of the loop, after its sockets have been read.
    const next = setTimeout(() => {
      if (this.running && !this.target.isConnected() && this.target.attempt() === attempt)
        this.target.drop(attempt, why);
    }, 0);
    next.unref();
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
