import { Logger } from '@nestjs/common';
import { SessionStore } from '@cim/session-store';
import { GroupPresence } from '../groups/group-presence';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { BEHIND_MS, ServerRunsService, SWEEP_INTERVAL_MS } from './server-runs.service';

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

  describe('its timer', () => {
    let runs: ServerRunsService;
    const sweepServerRuns = jest.fn(async () => []);

    beforeEach(() => {
      Logger.overrideLogger(['fatal', 'error']);
      jest.useFakeTimers();
      sweepServerRuns.mockClear();
      runs = new ServerRunsService(
        { sweepServerRuns } as unknown as SessionStore,
        { released: jest.fn() } as unknown as GroupPresence,
      );
      runs.onModuleInit();
    });

    afterEach(() => {
      runs.onApplicationShutdown();
      jest.useRealTimers();
    });

    it('sweeps the lapsed runs once every interval', async () => {
      await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS * 3);
      expect(sweepServerRuns).toHaveBeenCalledTimes(3);
    });

    it('does not sweep on a turn that came late (the gateway was busy), and sweeps again on the next', async () => {
      // The event loop was held up: the clock moved on while the timer could not fire.
      jest.setSystemTime(Date.now() + BEHIND_MS + 500);
      await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
      expect(sweepServerRuns).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
      expect(sweepServerRuns).toHaveBeenCalledTimes(1);
    });
  });
});
