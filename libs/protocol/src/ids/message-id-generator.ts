/** Message ids count milliseconds from 2024-01-01T00:00:00Z. */
export const ID_EPOCH_MS = Date.UTC(2024, 0, 1);
const NODE_BITS = 10n;
const SEQUENCE_BITS = 12n;
const MAX_SEQUENCE = (1 << Number(SEQUENCE_BITS)) - 1;
export const MAX_NODE_ID = (1 << Number(NODE_BITS)) - 1;

/**
 * Time-ordered message ids: a 64-bit snowflake (milliseconds since ID_EPOCH_MS << 22 | node id << 12 |
 * sequence within the millisecond) written as 19 zero-padded decimal digits, so that ids sort as
 * strings in the order they were made. Ids keep increasing when the clock steps back (the generator
 * stays on its last millisecond) and when 4096 are made in one millisecond (it borrows the next one).
 * Ids of one generator never repeat; ids of two generators differ only while they use different node
 * ids, which is the caller's to ensure: the node id is a number, or a function asked at every id that
 * answers the current one and throws when there is none (a lease that ran out), failing that id.
 */
export class MessageIdGenerator {
  private lastMs = -1;
  private sequence = 0;

  constructor(
    private readonly node: number | (() => number),
    private readonly clock: () => number = Date.now,
  ) {
    if (typeof node === 'number') checkNodeId(node);
  }

  next(): string {
    const nodeId = typeof this.node === 'number' ? this.node : checkNodeId(this.node());
    const now = Math.max(this.clock() - ID_EPOCH_MS, this.lastMs, 0);
    if (now === this.lastMs) {
      this.sequence++;
      if (this.sequence > MAX_SEQUENCE) {
        this.lastMs++;
        this.sequence = 0;
      }
    } else {
      this.lastMs = now;
      this.sequence = 0;
    }
    const id =
      (BigInt(this.lastMs) << (NODE_BITS + SEQUENCE_BITS)) |
      (BigInt(nodeId) << SEQUENCE_BITS) |
      BigInt(this.sequence);
    return id.toString().padStart(19, '0');
  }

  /** When an id was made, in milliseconds since the Unix epoch. */
  static timeOf(messageId: string): number {
    return Number(BigInt(messageId) >> (NODE_BITS + SEQUENCE_BITS)) + ID_EPOCH_MS;
  }
}

function checkNodeId(nodeId: number): number {
  if (!Number.isInteger(nodeId) || nodeId < 0 || nodeId > MAX_NODE_ID) {
    throw new RangeError(`node id must be an integer from 0 to ${MAX_NODE_ID}, got ${nodeId}`);
  }
  return nodeId;
}
