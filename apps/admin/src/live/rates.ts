/** A counter's value at a moment. */
interface Reading {
  at: number;
  value: number;
}

/**
 * Per-second rates of counters read now and then (each im-server's messagesIn and messagesOut).
 * A rate is measured against a reading at least `minIntervalMs` old, so that several viewers polling
 * at once do not shrink the interval to nothing. A counter that went down (its server restarted) or
 * is seen for the first time has no rate yet.
 */
export class Rates {
  private readonly readings = new Map<string, Reading>();

  constructor(private readonly minIntervalMs = 1000) {}

  /** Records `value` for `key` at `at` (ms) and answers the rate per second since the kept reading, or null. */
  rate(key: string, value: number, at: number): number | null {
    const kept = this.readings.get(key);
    if (!kept || value < kept.value || at <= kept.at) {
      this.readings.set(key, { at, value });
      return null;
    }
    const perSecond = ((value - kept.value) * 1000) / (at - kept.at);
    if (at - kept.at >= this.minIntervalMs) this.readings.set(key, { at, value });
    return perSecond;
  }

  /** Forgets the counters whose key is not among `live`. */
  retain(live: Set<string>): void {
    for (const key of this.readings.keys()) if (!live.has(key.split('\n')[0])) this.readings.delete(key);
  }
}
