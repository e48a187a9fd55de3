import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The pattern of the frame a caller writes first on each RPC connection. */
export const RPC_HELLO_PATTERN = 'cim.rpc.hello';

/** What the hello carries: who is calling, when, a one-time nonce, and the HMAC of the three. */
export interface RpcHello {
  peer: string;
  at: number;
  nonce: string;
  proof: string;
}

export type RpcVerdict = { peer: string } | { refused: string };

export interface RpcAuthenticatorOptions {
  /** How far a hello's time may be from this process's clock (both ways). */
  maxSkewMs?: number;
  now?: () => number;
}

const DEFAULT_MAX_SKEW_MS = 60_000;
/** Nonces remembered to refuse a replayed hello; beyond this, the oldest are forgotten early. */
const MAX_REMEMBERED_NONCES = 100_000;

/**
 * The shared-secret handshake of cim's Nest TCP connections. A caller proves it holds CIM_RPC_SECRET
 * with an HMAC-SHA256 over its name, the time and a random nonce; the listener checks the proof, that
 * the time is within the allowed skew, and that the nonce has not been seen (a replayed hello is
 * refused). The secret itself never crosses the wire.
 */
export class RpcAuthenticator {
  private readonly seen = new Map<string, number>();
  private readonly maxSkewMs: number;
  private readonly now: () => number;

  constructor(
    private readonly secret: string,
    options: RpcAuthenticatorOptions = {},
  ) {
    this.maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
    this.now = options.now ?? Date.now;
  }

  /** The frame that opens a connection as `peer` (e.g. 'im-server im-1'). */
  hello(peer: string): { pattern: string; data: RpcHello } {
    const at = this.now();
    const nonce = randomBytes(16).toString('hex');
    return { pattern: RPC_HELLO_PATTERN, data: { peer, at, nonce, proof: this.prove(peer, at, nonce) } };
  }

  /** Whether the first frame of a connection is a valid hello; a refusal says why. */
  check(frame: unknown): RpcVerdict {
    const { pattern, data } = (frame ?? {}) as { pattern?: unknown; data?: Partial<RpcHello> };
    if (pattern !== RPC_HELLO_PATTERN) return { refused: 'no credential: the first frame is not a hello' };
    const { peer, at, nonce, proof } = data ?? {};
    if (typeof peer !== 'string' || typeof at !== 'number' || typeof nonce !== 'string')
      return { refused: 'malformed hello' };
    if (typeof proof !== 'string' || !this.matches(proof, this.prove(peer, at, nonce)))
      return { refused: 'wrong credential' };
    const now = this.now();
    if (Math.abs(now - at) > this.maxSkewMs)
      return { refused: `hello is ${now - at} ms from this clock (more than ${this.maxSkewMs})` };
    if (this.seen.has(nonce)) return { refused: 'replayed hello' };
    this.remember(nonce, now);
    return { peer };
  }

  private prove(peer: string, at: number, nonce: string): string {
    return createHmac('sha256', this.secret)
      .update(`cim-rpc-hello-v1\n${peer}\n${at}\n${nonce}`)
      .digest('hex');
  }

  private matches(given: string, expected: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** A nonce needs remembering only while a hello carrying it could still be accepted. */
  private remember(nonce: string, now: number): void {
    for (const [old, seenAt] of this.seen) {
      if (now - seenAt <= 2 * this.maxSkewMs && this.seen.size < MAX_REMEMBERED_NONCES) break;
      this.seen.delete(old);
    }
    this.seen.set(nonce, now);
  }
}
