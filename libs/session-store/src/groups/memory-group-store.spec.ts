import { describeGroupStoreContract } from './testing/group-store.contract';
import { MemoryGroupStore } from './memory-group-store';

describeGroupStoreContract('MemoryGroupStore', async () => new MemoryGroupStore());
