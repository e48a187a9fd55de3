import { ImServerPatterns } from '@cim/protocol';
import { serverInfo } from '../testing/fake-im-servers';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { ImServerCallError } from '@cim/delivery';
import { eventually } from '../../../../test/harness/eventually';

describe('ServerDirectory', () => {
  it('lists the live servers sorted by id and picks among them', async () => {
    const f = await createGatewayFixture();
    await f.publish(serverInfo('im-0', 9500));
    await f.withdraw('im-2');
    expect(f.directory.live().map((s) => s.id)).toEqual(['im-0', 'im-1']);
    expect(f.directory.isLive('im-2')).toBe(false);
    expect(['im-0', 'im-1']).toContain(f.directory.pick('u')?.id);
  });

  it('answers no server when none is live', async () => {
    const f = await createGatewayFixture();
    await f.withdraw('im-1', 'im-2');
    expect(f.directory.pick('u')).toBeUndefined();
  });

  it('keeps the users of a vanished server online (its lease decides) and still calls it, but picks it no more', async () => {
    const f = await createGatewayFixture();
    await f.store.claimOnline({ userId: '10001', serverId: 'im-1', sessionId: 's', since: 0 });
    await f.withdraw('im-1');
    expect(await f.store.getRoute('10001')).not.toBeNull();
    expect(f.directory.isLive('im-1')).toBe(false);
    expect(f.directory.pick('10001')?.id).toBe('im-2');
    await f.directory.call('im-1', ImServerPatterns.Stats, {});
    expect(f.servers.calls).toHaveLength(1);
  });

  it('takes the users of earlier runs offline when a new run of a server registers', async () => {
    const f = await createGatewayFixture();
    const route = (userId: string, serverId: string, incarnation: string) => ({
      userId,
      serverId,
      sessionId: 's',
      since: 0,
      incarnation,
    });
    await f.publish({ ...serverInfo('im-1', 9000), incarnation: 'run-1' });
    await f.store.claimOnline(route('10001', 'im-1', 'run-1'));
    await f.store.claimOnline(route('10002', 'im-2', 'run-1'));
    await f.withdraw('im-1');
    await f.publish({ ...serverInfo('im-1', 9000), incarnation: 'run-2' });
    await f.store.claimOnline(route('10003', 'im-1', 'run-2'));
    await eventually(async () => expect(await f.store.getRoute('10001')).toBeNull(), 2000, 10);
    expect(await f.store.getRoute('10002')).not.toBeNull();
    expect(await f.store.getRoute('10003')).not.toBeNull();
  });

  it("takes the sessions of earlier runs out of their groups' online members when a new run registers", async () => {
    const f = await createGatewayFixture();
    const session = (userId: string, serverId: string, incarnation: string) => ({
      userId,
      serverId,
      sessionId: `${userId}@${incarnation}`,
      incarnation,
    });
    const group = await f.groupStore.createGroup({
      name: 'club',
      ownerId: '10001',
      memberIds: ['10002', '10003'],
      maxMembers: 10,
    });
    await f.publish({ ...serverInfo('im-1', 9000), incarnation: 'run-1' });
    for (const s of [session('10001', 'im-1', 'run-1'), session('10002', 'im-2', 'run-1')]) {
      await f.store.claimOnline({ ...s, since: 0 });
      await f.groupStore.memberOnline(s, [group.id]);
    }
    await f.withdraw('im-1');
    await f.publish({ ...serverInfo('im-1', 9000), incarnation: 'run-2' });
    const comeBack = session('10003', 'im-1', 'run-2');
    await f.store.claimOnline({ ...comeBack, since: 1 });
    await f.groupStore.memberOnline(comeBack, [group.id]);
    const members = async () => (await f.groupStore.onlineMembers(group.id)).map((m) => m.sessionId).sort();
    await eventually(async () => expect(await members()).toEqual(['10002@run-1', '10003@run-2']), 2000, 10);
  });

  it('keeps the users of a run that registers again under the same incarnation', async () => {
    const f = await createGatewayFixture();
    await f.publish({ ...serverInfo('im-1', 9000), incarnation: 'run-1' });
    await f.store.claimOnline({
      userId: '10001',
      serverId: 'im-1',
      sessionId: 's',
      since: 0,
      incarnation: 'run-1',
    });
    await f.withdraw('im-1');
    await f.publish({ ...serverInfo('im-1', 9000), incarnation: 'run-1' });
    expect(await f.store.getRoute('10001')).not.toBeNull();
  });

  it('makes a new client when a server comes back at another address', async () => {
    const f = await createGatewayFixture();
    await f.publish(serverInfo('im-1', 9500));
    expect(f.servers.closed).toEqual(['im-1']);
    await f.directory.call('im-1', ImServerPatterns.Stats, {});
    expect(f.servers.calls).toHaveLength(1);
  });

  it('refuses to call a server that is not live', async () => {
    const f = await createGatewayFixture();
    await expect(f.directory.call('im-9', ImServerPatterns.Kick, {})).rejects.toThrow(ImServerCallError);
  });

  it('closes every client and stops watching when the module is destroyed', async () => {
    const f = await createGatewayFixture();
    await f.directory.onModuleDestroy();
    expect(f.servers.closed.sort()).toEqual(['im-1', 'im-2']);
    await f.publish(serverInfo('im-5'));
    expect(f.directory.live()).toEqual([]);
  });
});
