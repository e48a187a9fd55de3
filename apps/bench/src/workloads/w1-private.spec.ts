import { pairAcrossServers } from './w1-private';

const users = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, name: `u${i}`, node: 0 }));
const alternating = (n: number) => new Map(users(n).map((u, i) => [u.userId, i % 2 ? 'im-2' : 'im-1']));

describe('pairAcrossServers', () => {
  it('W1: pairs each sender with a receiver on the other server among the users who do not send', () => {
    const pairs = pairAcrossServers(users(10), alternating(10), 4);
    expect(pairs).toEqual([
      ['u0', 'u5'],
      ['u2', 'u7'],
      ['u1', 'u4'],
      ['u3', 'u6'],
    ]);
  });

  it("W1': when every user sends, pairs each with a user on the other server, every user receiving once", () => {
    const serverOf = alternating(100);
    const pairs = pairAcrossServers(users(100), serverOf, 100);
    expect(pairs).toHaveLength(100);
    for (const [sender, receiver] of pairs) expect(serverOf.get(sender)).not.toBe(serverOf.get(receiver));
    expect(new Set(pairs.map(([, receiver]) => receiver)).size).toBe(100);
  });
});
