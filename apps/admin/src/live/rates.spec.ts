import { Rates } from './rates';

describe('Rates', () => {
  it('answers no rate for a counter seen the first time, then its increase per second', () => {
    const rates = new Rates(1000);
    expect(rates.rate('im-1', 100, 10_000)).toBeNull();
    expect(rates.rate('im-1', 150, 12_000)).toBe(25);
  });

  it('measures against a reading at least the minimum interval old, however often it is asked', () => {
    const rates = new Rates(1000);
    rates.rate('im-1', 0, 0);
    expect(rates.rate('im-1', 10, 100)).toBe(100);
    expect(rates.rate('im-1', 20, 200)).toBe(100);
    expect(rates.rate('im-1', 100, 1000)).toBe(100);
    expect(rates.rate('im-1', 120, 1100)).toBe(200);
  });

  it('starts again when a counter goes down (its server restarted)', () => {
    const rates = new Rates(1000);
    rates.rate('im-1', 500, 0);
    expect(rates.rate('im-1', 3, 1000)).toBeNull();
    expect(rates.rate('im-1', 13, 2000)).toBe(10);
  });

  it('forgets the counters of servers no longer live', () => {
    const rates = new Rates(1000);
    rates.rate('im-1\nin', 5, 0);
    rates.rate('im-2\nin', 5, 0);
    rates.retain(new Set(['im-2']));
    expect(rates.rate('im-1\nin', 10, 1000)).toBeNull();
    expect(rates.rate('im-2\nin', 10, 1000)).toBe(5);
  });
});
