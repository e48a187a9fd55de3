import { NameTakenError } from '../../errors';
import { UserRecord } from '../../session-store';
import { StoreGetter } from './helpers';

export function describeUsersContract(store: StoreGetter): void {
  describe('users', () => {
    it('creates a user with a decimal id and finds it by id and by name', async () => {
      const before = Date.now();
      const alice = await store().createUser('alice', 'scrypt$hash');
      expect(alice.id).toMatch(/^[1-9]\d*$/);
      expect(alice).toMatchObject({ name: 'alice', passwordHash: 'scrypt$hash' });
      expect(alice.createdAt).toBeGreaterThanOrEqual(before);
      expect(alice.createdAt).toBeLessThanOrEqual(Date.now());
      expect(await store().findUserById(alice.id)).toEqual(alice);
      expect(await store().findUserByName('alice')).toEqual(alice);
    });

    it('gives every user a different id, also when they register at once', async () => {
      const names = Array.from({ length: 20 }, (_, i) => `user-${i}`);
      const users = await Promise.all(names.map((n) => store().createUser(n, 'h')));
      expect(new Set(users.map((u) => u.id)).size).toBe(names.length);
    });

    it('refuses a taken name with NameTakenError and keeps the first user', async () => {
      const alice = await store().createUser('alice', 'first');
      await expect(store().createUser('alice', 'second')).rejects.toBeInstanceOf(NameTakenError);
      expect(await store().findUserByName('alice')).toEqual(alice);
    });

    it('lets exactly one of 20 concurrent registrations of one name win', async () => {
      const attempts = Array.from({ length: 20 }, (_, i) => store().createUser('bob', `hash-${i}`));
      const results = await Promise.allSettled(attempts);
      const won = results.filter((r): r is PromiseFulfilledResult<UserRecord> => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.every((r) => r.reason instanceof NameTakenError)).toBe(true);
      expect(await store().findUserByName('bob')).toEqual(won[0].value);
    });

    it('treats names as exact strings', async () => {
      await store().createUser('Carol', 'h');
      expect(await store().findUserByName('carol')).toBeNull();
      await expect(store().createUser('carol', 'h')).resolves.toMatchObject({ name: 'carol' });
    });

    it('answers null for an unknown id or name', async () => {
      expect(await store().findUserById('99999999')).toBeNull();
      expect(await store().findUserByName('nobody')).toBeNull();
    });
  });
}
