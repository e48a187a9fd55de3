/** Resolution below FINE_LIMIT_MS, and above it up to the top. */
const FINE_STEP_MS = 0.05;
const FINE_LIMIT_MS = 200;
const COARSE_STEP_MS = 5;
const TOP_MS = 60_000;

const FINE_BUCKETS = Math.round(FINE_LIMIT_MS / FINE_STEP_MS);
const BUCKETS = FINE_BUCKETS + Math.ceil((TOP_MS - FINE_LIMIT_MS) / COARSE_STEP_MS) + 1;

/** A histogram as it travels between processes: [bucket, count] for each bucket that is not empty. */
export interface SparseHistogram {
  buckets: [number, number][];
  max: number;
}

/**
 * Latencies in milliseconds, kept as counts in fixed buckets (50 µs up to 200 ms, then 5 ms up to
 * a minute; above that in the last bucket), so that a million samples cost nothing and the
 * histograms of several load processes add up.
 */
export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const value = ms > 0 ? ms : 0;
    this.counts[bucketOf(value)]++;
    this.count++;
    if (value > this.max) this.max = value;
  }

  merge(other: LatencyHistogram | SparseHistogram): this {
    const sparse = other instanceof LatencyHistogram ? other.toSparse() : other;
    for (const [bucket, n] of sparse.buckets) {
      this.counts[bucket] += n;
      this.count += n;
    }
    this.max = Math.max(this.max, sparse.max);
    return this;
  }

  /**
   * The value at or below which p percent of the samples are (nearest rank), as the upper edge of
   * its bucket, never above the largest sample; undefined when there is none.
   */
  percentile(p: number): number | undefined {
    if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
    if (this.count === 0) return undefined;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b];
      if (seen >= rank) return Math.min(upperEdge(b), this.max);
    }
    return this.max;
  }

  toSparse(): SparseHistogram {
    const buckets: [number, number][] = [];
    for (let b = 0; b < BUCKETS; b++) if (this.counts[b]) buckets.push([b, this.counts[b]]);
    return { buckets, max: this.max };
  }

  static fromSparse(sparse: SparseHistogram): LatencyHistogram {
    return new LatencyHistogram().merge(sparse);
  }
}

function bucketOf(ms: number): number {
  if (ms < FINE_LIMIT_MS) return Math.floor(ms / FINE_STEP_MS);
  return Math.min(BUCKETS - 1, FINE_BUCKETS + Math.floor((ms - FINE_LIMIT_MS) / COARSE_STEP_MS));
}

function upperEdge(bucket: number): number {
  if (bucket < FINE_BUCKETS) return (bucket + 1) * FINE_STEP_MS;
  return FINE_LIMIT_MS + (bucket - FINE_BUCKETS + 1) * COARSE_STEP_MS;
}

/** Nearest-rank percentile of raw values (for small samples and tests); undefined when there is none. */
export function percentileOf(values: readonly number[], p: number): number | undefined {
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}
