import { GroupStore } from '../group-store';

const session = (userId: string, serverId = 's1', sessionId = `${userId}@${serverId}`) => ({
  userId,
  serverId,
  sessionId,
});

export function describeGroupOnlineContract(store: () => GroupStore): void {
  const create = () =>
    store().createGroup({ name: 'g', ownerId: '1', memberIds: ['2', '3'], maxMembers: 10 });

  it('answers the online members of a group to a member who sends, and null to anyone else', async () => {
    const group = await create();
    await store().memberOnline(session('2', 's1'), [group.id]);
    await store().memberOnline(session('3', 's2'), [group.id]);
    const audience = await store().audience(group.id, '1');
    expect(audience?.online.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      session('2', 's1'),
      session('3', 's2'),
    ]);
    expect(await store().audience(group.id, '9')).toBeNull();
    expect(await store().audience('999', '1')).toBeNull();
  });

  it('notes only members online, and a later session replaces an earlier one', async () => {
    const group = await create();
    await store().memberOnline(session('9'), [group.id]);
    await store().memberOnline(session('2', 's1'), [group.id]);
    await store().memberOnline(session('2', 's2'), [group.id]);
    expect(await store().onlineMembers(group.id)).toEqual([session('2', 's2')]);
  });

  it('takes a session offline only when it is still the noted one', async () => {
    const group = await create();
    await store().memberOnline(session('2', 's2'), [group.id]);
    await store().memberOffline(session('2', 's1'), [group.id]);
    await store().memberOffline(session('2', 's2', 'older'), [group.id]);
    expect(await store().onlineMembers(group.id)).toEqual([session('2', 's2')]);
    await store().memberOffline(session('2', 's2'), [group.id]);
    expect(await store().onlineMembers(group.id)).toEqual([]);
  });

  it('forgets a removed member online', async () => {
    const group = await create();
    await store().memberOnline(session('2'), [group.id]);
    await store().removeMember(group.id, '2');
    expect((await store().audience(group.id, '1'))?.online).toEqual([]);
    expect(await store().audience(group.id, '2')).toBeNull();
  });

  it("notes each of a member's devices, and takes one offline without the others", async () => {
    const group = await create();
    const phone = { ...session('2', 's1', 'p'), deviceId: 'phone' };
    const laptop = { ...session('2', 's2', 'l'), deviceId: 'laptop' };
    await store().memberOnline(phone, [group.id]);
    await store().memberOnline(laptop, [group.id]);
    await store().memberOnline(session('3', 's1'), [group.id]);
    const byDevice = (a: { deviceId?: string }, b: { deviceId?: string }) =>
      (a.deviceId ?? '').localeCompare(b.deviceId ?? '');
    expect((await store().audience(group.id, '1'))?.online.sort(byDevice)).toEqual([
      session('3', 's1'),
      laptop,
      phone,
    ]);
    await store().memberOffline({ ...phone, sessionId: 'older' }, [group.id]);
    await store().memberOffline(laptop, [group.id]);
    expect((await store().onlineMembers(group.id)).sort(byDevice)).toEqual([session('3', 's1'), phone]);
    await store().removeMember(group.id, '2');
    expect(await store().onlineMembers(group.id)).toEqual([session('3', 's1')]);
  });
}
