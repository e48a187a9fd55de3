import { SessionStore } from '../session-store';
import { describeDevicesContract } from './contract/devices.contract';
import { describeHistoryContract } from './contract/history.contract';
import { describeInboxContract } from './contract/inbox.contract';
import { describeListingContract } from './contract/listing.contract';
import { describePendingRoutesContract } from './contract/pending.contract';
import { describeNodeIdsContract } from './contract/node-ids.contract';
import { describeResumeGenerationsContract } from './contract/resume-generations.contract';
import { describeRoutesContract } from './contract/routes.contract';
import { describeServerRunsContract } from './contract/server-runs.contract';
import { describeSequenceAndDedupContract } from './contract/sequence-dedup.contract';
import { describeSendWindowContract } from './contract/send-window.contract';
import { describeUnackedContract } from './contract/unacked.contract';
import { describeUserIdsContract } from './contract/user-ids.contract';
import { describeUsersContract } from './contract/users.contract';

/**
 * The behaviour every SessionStore must show. Each test gets a store of its own from `create`, which
 * must start empty (a fresh key prefix, or a flushed backend); after the test the store is closed
 * and `cleanup`, if given, runs. TTL tests wait for real time to pass (a few hundred milliseconds).
 */
export function describeSessionStoreContract(
  name: string,
  create: () => Promise<SessionStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`${name} (SessionStore contract)`, () => {
    let store: SessionStore | undefined;

    beforeEach(async () => {
      store = await create();
    });

    afterEach(async () => {
      await store?.close();
      store = undefined;
      await cleanup?.();
    });

    const current = (): SessionStore => {
      if (!store) throw new Error('no store: the contract creates one per test');
      return store;
    };

    describeUsersContract(current);
    describeUserIdsContract(current);
    describeRoutesContract(current);
    describeServerRunsContract(current);
    describePendingRoutesContract(current);
    describeDevicesContract(current);
    describeListingContract(current);
    describeInboxContract(current);
    describeUnackedContract(current);
    describeSequenceAndDedupContract(current);
    describeSendWindowContract(current);
    describeHistoryContract(current);
    describeNodeIdsContract(current);
    describeResumeGenerationsContract(current);

    it('answers ping while the backing service is up', async () => {
      await expect(current().ping()).resolves.toBeUndefined();
    });
  });
}
