import { TickBatches } from './tick-batches';

describe('TickBatches', () => {
  it('gathers the calls of one tick by key into one run each, answering each call its own answer', async () => {
    const runs: [string, number[]][] = [];
    const batches = new TickBatches<number, number>(async (key, items) => {
      runs.push([key, items]);
      return items.map((n) => n * 10);
    });
    const answers = await Promise.all([batches.add('a', 1), batches.add('b', 2), batches.add('a', 3)]);
    expect(answers).toEqual([10, 20, 30]);
    expect(runs).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });

  it('runs calls made from promise reactions of the same tick together, and later ticks apart', async () => {
    const runs: number[][] = [];
    const batches = new TickBatches<number, number>(async (_, items) => {
      runs.push(items);
      return items;
    });
    const later = Promise.resolve().then(() => Promise.resolve().then(() => batches.add('a', 2)));
    await Promise.all([batches.add('a', 1), later]);
    await batches.add('a', 3);
    expect(runs).toEqual([[1, 2], [3]]);
  });

  it('fails every call of a run that fails, and only those', async () => {
    const batches = new TickBatches<string, string>(async (key, items) => {
      if (key === 'bad') throw new Error('down');
      return items;
    });
    const results = await Promise.allSettled([
      batches.add('bad', 'x'),
      batches.add('bad', 'y'),
      batches.add('good', 'z'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });
});
