import { StoreGetter } from './helpers';
import { NOT_USER_IDS } from './user-ids.contract';

export function describeResumeGenerationsContract(store: StoreGetter): void {
  describe('resume generations', () => {
    it('start at 0 and go up by one with each revocation, per user', async () => {
      expect(await store().resumeGeneration('10001')).toBe(0);
      expect(await store().revokeResumes('10001')).toBe(1);
      expect(await store().revokeResumes('10001')).toBe(2);
      expect(await store().resumeGeneration('10001')).toBe(2);
      expect(await store().resumeGeneration('10002')).toBe(0);
    });

    it.each(NOT_USER_IDS)('answer 0 for %p and refuse to revoke for it', async (id) => {
      expect(await store().resumeGeneration(id)).toBe(0);
      await expect(store().revokeResumes(id)).rejects.toThrow(RangeError);
    });
  });
}
