import { SEND_SEQ_WINDOW } from '@cim/protocol';
import { RedisClient } from '../redis/redis-client';
import { TickBatches } from '../redis/tick-batches';
import { HeldDoneMarks } from './held-done-marks';
import { sendWindowScript } from './send-window-scripts';

/** A numbered SEND's claim of its seq in its session's window, and the keys and values its script takes. */
export interface WindowClaim {
  /** The window, the sender's routes hash, the sender's conversations. */
  keys: [string, string, string];
  windowMs: number;
  seq: number;
  messageId: string;
  /** The note's arguments (conversation-index.ts): conversation ('' for none), sentAt, most kept, ttl ms. */
  note: (string | number)[];
}

/** What a claim found: the earlier record, the floor (outside the window), or null; and the sender's routes. */
export interface WindowClaimed {
  record: string | number | null;
  senderRoutes: string[];
}

/**
 * The claims of one tick on one sending session's window, in one script: a client that keeps several
 * SENDs in flight gets their SEND_ACKs together and sends the next ones together, so they reach the
 * store in the same tick. The script first writes the window's held done-marks (HeldDoneMarks).
 */
export class WindowClaims {
  private readonly batches = new TickBatches<WindowClaim, WindowClaimed>((key, claims) =>
    this.run(key, claims),
  );

  constructor(
    private readonly redis: RedisClient,
    /** The done-marks the claims write first. */
    readonly marks: HeldDoneMarks,
  ) {}

  claim(claim: WindowClaim): Promise<WindowClaimed> {
    return this.batches.add(`${claim.keys[0]}\n${claim.windowMs}\n${claim.note[3]}`, claim);
  }

  private async run(_batch: string, claims: WindowClaim[]): Promise<WindowClaimed[]> {
    const [{ keys, windowMs, note }] = claims;
    const args: (string | number)[] = [SEND_SEQ_WINDOW, windowMs, note[2], note[3], claims.length];
    for (const { seq, messageId, note } of claims) args.push(seq, messageId, note[0], note[1]);
    for (const value of this.marks.take(keys[0])) args.push(value);
    const answer = (await sendWindowScript.run(this.redis, keys, args)) as (string | number | null)[];
    const senderRoutes = answer.slice(claims.length) as string[];
    return claims.map((_, i) => ({ record: answer[i], senderRoutes }));
  }
}
