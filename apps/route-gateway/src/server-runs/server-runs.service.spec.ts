import { GroupPresence } from '../groups/group-presence';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { ServerRunsService } from './server-runs.service';

describe('ServerRunsService', () => {
  it("takes a lapsed run's sessions out of their groups' online members, and keeps the others", async () => {
    const f = await createGatewayFixture();
    const runs = new ServerRunsService(f.store, new GroupPresence(f.groupStore, f.store));
    const dead = { serverId: 'im-1', incarnation: 'run-1' };
    await f.store.holdServerRun(dead, 1000, true);
    await f.store.holdServerRun({ serverId: 'im-2', incarnation: 'run-1' }, 60_000, true);
    const group = await f.groupStore.createGroup({
      name: 'club',
      ownerId: '10001',
      memberIds: ['10002'],
      maxMembers: 10,
    });
    const sessions = [
      { userId: '10001', serverId: 'im-1', sessionId: 'a', incarnation: 'run-1' },
      { userId: '10002', serverId: 'im-2', sessionId: 'b', incarnation: 'run-1' },
    ];
    for (const session of sessions) {
      await f.store.claimOnline({ ...session, since: f.time.now });
      await f.groupStore.memberOnline(session, [group.id]);
    }

    f.time.now += 2000;
    expect(await runs.sweep()).toBe(1);

    expect(await f.groupStore.onlineMembers(group.id)).toEqual([
      { userId: '10002', serverId: 'im-2', sessionId: 'b' },
    ]);
  });
});
