import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SessionStore } from '../session-store';

type LeaseStore = Pick<SessionStore, 'leaseNodeId' | 'renewNodeId' | 'releaseNodeId'>;

export interface NodeIdLeaseOptions {
  /** How many node ids there are (0..count-1). */
  count: number;
  /** How long a lease lasts in the store without renewal; default 30 s. */
  ttlMs?: number;
  /** How often the holder renews; default a third of ttlMs. */
  renewEveryMs?: number;
  /**
   * The holder stops minting this long before its lease would expire in the store, so that the ids it
   * made are older than the first ones a next holder makes even if their wall clocks differ by up to
   * this much; default 5 s.
   */
  marginMs?: number;
  /** A monotonic clock in milliseconds; default performance.now. */
  monotonic?: () => number;
  log?: { warn(message: string): void; error(message: string): void };
}

/** Thrown by nodeId() while this process holds no valid lease: no message ids may be made. */
export class NodeIdUnavailableError extends Error {
  constructor(reason: string) {
    super(`no message ids: ${reason}`);
    this.name = 'NodeIdUnavailableError';
  }
}

/**
 * A node id for message ids, leased from the session store (a key per node id, SET NX PX in Redis)
 * and renewed in the background. nodeId() answers it only while the lease is valid on this process's
 * own monotonic clock (the last successful renewal's start + ttl - margin); otherwise it throws, so
 * that two live processes never make ids with the same node id. A lease that expired is re-taken when
 * nobody else took it; when another process did, the next free node id is leased instead.
 */
export class NodeIdLease {
  readonly holder = randomUUID();
  private id: number | null = null;
  private validUntil = -Infinity;
  private problem = 'no node id leased yet';
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<void>;
  private readonly ttlMs: number;
  private readonly marginMs: number;
  private readonly monotonic: () => number;

  constructor(
    private readonly store: LeaseStore,
    private readonly options: NodeIdLeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.marginMs = options.marginMs ?? 5_000;
    this.monotonic = options.monotonic ?? (() => performance.now());
    if (this.marginMs >= this.ttlMs) throw new RangeError('the lease margin must be shorter than its ttl');
  }

  /** Takes a lease (once, now) and renews it from then on. */
  async start(): Promise<void> {
    await this.renew();
    const every = this.options.renewEveryMs ?? Math.floor(this.ttlMs / 3);
    this.timer = setInterval(() => void this.renew(), every);
    this.timer.unref();
  }

  /** The node id while the lease is valid; throws NodeIdUnavailableError otherwise. */
  nodeId(): number {
    if (this.id === null || this.monotonic() >= this.validUntil)
      throw new NodeIdUnavailableError(this.problem);
    return this.id;
  }

  /** Stops renewing and gives the lease back, so that a next process may take it at once. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
    const id = this.id;
    this.id = null;
    this.problem = 'the node id lease was released at shutdown';
    if (id !== null) await this.store.releaseNodeId(id, this.holder).catch(() => undefined);
  }

  /** One renewal (or first lease) at a time. */
  renew(): Promise<void> {
    this.renewing ??= this.attempt().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async attempt(): Promise<void> {
    const started = this.monotonic();
    try {
      if (this.id !== null && (await this.store.renewNodeId(this.id, this.holder, this.ttlMs))) {
        this.validUntil = started + this.ttlMs - this.marginMs;
        return;
      }
      if (this.id !== null) {
        this.report(`node id ${this.id} was leased by another process after this one's lease expired`);
        this.id = null;
      }
      const id = await this.store.leaseNodeId(this.holder, this.options.count, this.ttlMs);
      if (id === null) return this.report(`all ${this.options.count} node ids are leased by other processes`);
      this.id = id;
      this.validUntil = started + this.ttlMs - this.marginMs;
      this.problem = 'the node id lease ran out unrenewed';
    } catch (error) {
      const reason = `the node id lease cannot be renewed (${(error as Error).message})`;
      if (reason !== this.problem) this.options.log?.warn(`${reason}; ids stop once it has run out`);
      this.problem = reason;
    }
  }

  /** Logs a problem that stops the ids, once until it changes. */
  private report(problem: string): void {
    if (problem !== this.problem) this.options.log?.error(`no message ids: ${problem}`);
    this.problem = problem;
  }
}
