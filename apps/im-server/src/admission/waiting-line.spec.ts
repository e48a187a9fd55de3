import { WaitingLine } from './waiting-line';

describe('WaitingLine', () => {
  it('gives values back in arrival order, without those that left from the middle or the end', () => {
    const line = new WaitingLine<string>();
    const [, b, , d] = ['a', 'b', 'c', 'd'].map((v) => line.push(v));
    line.remove(b);
    line.remove(d);
    expect(line.length).toBe(2);
    expect(line.shift()).toBe('a');
    line.push('e');
    expect([line.shift(), line.shift(), line.shift()]).toEqual(['c', 'e', undefined]);
    expect(line.length).toBe(0);
  });

  it('takes a value out only once, also after it was taken from the front', () => {
    const line = new WaitingLine<string>();
    const a = line.push('a');
    line.push('b');
    expect(line.shift()).toBe('a');
    line.remove(a);
    line.remove(a);
    expect(line.length).toBe(1);
    expect(line.shift()).toBe('b');
    expect(line.shift()).toBeUndefined();
  });
});
