import { describeReadStateStoreContract } from './testing/read-state-store.contract';
import { MemoryReadStateStore } from './memory-read-state-store';

describeReadStateStoreContract('MemoryReadStateStore', async () => new MemoryReadStateStore());
