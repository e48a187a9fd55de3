import { LatencyHistogram, percentileOf } from './latency-histogram';

describe('percentileOf', () => {
  it('takes the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentileOf(values, 50)).toBe(5);
    expect(percentileOf(values, 90)).toBe(9);
    expect(percentileOf(values, 99)).toBe(10);
    expect(percentileOf(values, 0)).toBe(1);
    expect(percentileOf(values, 100)).toBe(10);
  });

  it('has nothing to say about no values, and refuses a percentile out of range', () => {
    expect(percentileOf([], 50)).toBeUndefined();
    expect(() => percentileOf([1], 101)).toThrow(RangeError);
  });
});

describe('LatencyHistogram', () => {
  it('agrees with the exact percentile within one bucket', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 1000) // 0..999 ms, shuffled
      .map((v) => v / 10);
    const histogram = new LatencyHistogram();
    values.forEach((v) => histogram.record(v));
    for (const p of [50, 90, 99, 99.9]) {
      expect(histogram.percentile(p)!).toBeGreaterThanOrEqual(percentileOf(values, p)!);
      expect(histogram.percentile(p)! - percentileOf(values, p)!).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    expect(histogram.count).toBe(10_000);
  });

  it('keeps coarser buckets above 200 ms and never answers above the largest sample', () => {
    const histogram = new LatencyHistogram();
    [1, 2, 250, 251, 252].forEach((v) => histogram.record(v));
    expect(histogram.percentile(100)).toBe(252);
    expect(histogram.percentile(60)).toBe(252);
    expect(histogram.percentile(40)).toBeCloseTo(2.05, 5);
  });

  it('adds up the histograms of several processes, through their sparse form', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let i = 0; i < 100; i++) a.record(1);
    for (let i = 0; i < 100; i++) b.record(30);
    const merged = LatencyHistogram.fromSparse(a.toSparse()).merge(JSON.parse(JSON.stringify(b.toSparse())));
    expect(merged.count).toBe(200);
    expect(merged.max).toBe(30);
    expect(merged.percentile(50)).toBeCloseTo(1.05, 5);
    expect(merged.percentile(51)).toBeCloseTo(30, 5);
  });

  it('counts negative clock skew as zero and has no percentile when empty', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.percentile(50)).toBeUndefined();
    histogram.record(-0.2);
    expect(histogram.percentile(50)).toBe(0);
  });
});
