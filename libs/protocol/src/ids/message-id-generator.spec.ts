import { ID_EPOCH_MS, MessageIdGenerator } from './message-id-generator';

describe('MessageIdGenerator', () => {
  let now = ID_EPOCH_MS + 1_000_000;
  const clock = () => now;

  it('makes 19-digit ids that encode the time, the node id and a sequence', () => {
    const id = new MessageIdGenerator(5, clock).next();
    expect(id).toMatch(/^\d{19}$/);
    expect(BigInt(id)).toBe((1_000_000n << 22n) | (5n << 12n));
    expect(MessageIdGenerator.timeOf(id)).toBe(now);
  });

  it('makes ids that increase as strings within a millisecond and across milliseconds', () => {
    const generator = new MessageIdGenerator(1, clock);
    const ids = [generator.next(), generator.next(), generator.next()];
    now += 1;
    ids.push(generator.next());
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps increasing when the clock steps back', () => {
    const generator = new MessageIdGenerator(1, clock);
    const before = generator.next();
    now -= 5000;
    const after = generator.next();
    expect(after > before).toBe(true);
    now += 5000;
  });

  it('borrows the next millisecond after 4096 ids in one', () => {
    const generator = new MessageIdGenerator(1023, clock);
    const ids = Array.from({ length: 5000 }, () => generator.next());
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
    expect(MessageIdGenerator.timeOf(ids[4096])).toBe(now + 1);
  });

  it('never repeats an id made by another node in the same millisecond', () => {
    expect(new MessageIdGenerator(1, clock).next()).not.toBe(new MessageIdGenerator(2, clock).next());
  });

  it.each([-1, 1024, 1.5])('refuses the node id %p', (nodeId) => {
    expect(() => new MessageIdGenerator(nodeId, clock)).toThrow(RangeError);
  });
});
