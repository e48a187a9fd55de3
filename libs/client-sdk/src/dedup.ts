/**
 * Remembers the last `capacity` ids seen, in a ring: memory stays bounded however long the client runs.
 * A repeat of an id older than that is not recognised, which the inbox's short life makes harmless.
 */
export class RecentIds {
  private readonly ids = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(readonly capacity = 10_000) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    this.ring = new Array<string | undefined>(capacity);
  }

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** True when the id is new (and is now remembered), false when it was seen already. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.ids.delete(evicted);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    this.ids.add(id);
    return true;
  }
}
