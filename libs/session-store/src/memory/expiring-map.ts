interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * A Map whose entries vanish `ttlMs` after their last write, like Redis keys with PEXPIRE.
 * Expiry is checked on read; each write also sweeps expired entries from the oldest writes on, so
 * entries nobody reads again do not pile up (exact when every write uses the same TTL, as cim does).
 */
export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(private readonly clock: () => number) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V, ttlMs: number): void {
    this.sweep();
    // Re-inserting moves the key to the end, keeping the Map in write order.
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.clock() + ttlMs });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Entries held, expired or not; for tests of the sweep. */
  get heldSize(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.clock();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
