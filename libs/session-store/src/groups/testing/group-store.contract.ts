import { GroupFullError, GroupNotFoundError, GroupStore } from '../group-store';
import { describeGroupOnlineContract } from './group-online.contract';

export type GroupStoreGetter = () => GroupStore;

/**
 * The behaviour every GroupStore must show. Each test gets a store of its own from `create`, which
 * must start empty; after the test the store is closed and `cleanup`, if given, runs.
 */
export function describeGroupStoreContract(
  name: string,
  create: () => Promise<GroupStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`${name} (GroupStore contract)`, () => {
    let store: GroupStore | undefined;

    beforeEach(async () => {
      store = await create();
    });

    afterEach(async () => {
      await store?.close();
      store = undefined;
      await cleanup?.();
    });

    const current = (): GroupStore => {
      if (!store) throw new Error('no store: the contract creates one per test');
      return store;
    };

    describeMembershipContract(current);
    describeGroupOnlineContract(current);
  });
}

function describeMembershipContract(store: GroupStoreGetter): void {
  const create = (memberIds = ['2', '3'], maxMembers = 10) =>
    store().createGroup({ name: 'friends', ownerId: '1', memberIds, maxMembers });

  it('creates a group with its owner and members, found by id and in each member list', async () => {
    const group = await create(['2', '3', '1', '2']);
    expect(group).toMatchObject({ name: 'friends', ownerId: '1', memberCount: 3 });
    expect(await store().getGroup(group.id)).toEqual(group);
    const members = await store().getMembers(group.id);
    expect(members.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { userId: '1', role: 'owner' },
      { userId: '2', role: 'member' },
      { userId: '3', role: 'member' },
    ]);
    for (const userId of ['1', '2', '3']) expect(await store().groupsOf(userId)).toEqual([group.id]);
  });

  it('never hands out an id twice, also after a group was dismissed', async () => {
    const ids = (await Promise.all(Array.from({ length: 10 }, () => create()))).map((g) => g.id);
    await store().dismiss(ids[9]);
    const next = await create();
    expect(new Set([...ids, next.id]).size).toBe(11);
  });

  it('refuses a group larger than the limit and creates nothing', async () => {
    await expect(create(['2', '3', '4'], 3)).rejects.toBeInstanceOf(GroupFullError);
    expect(await store().groupsOf('2')).toEqual([]);
    expect((await store().listGroups('0', 10)).groups).toEqual([]);
  });

  it('adds members up to the limit, answering only the new ones, and refuses past it', async () => {
    const group = await create(['2'], 4);
    expect(await store().addMembers(group.id, ['2', '3', '3'], 4)).toEqual(['3']);
    await expect(store().addMembers(group.id, ['4', '5'], 4)).rejects.toBeInstanceOf(GroupFullError);
    expect(await store().getRole(group.id, '4')).toBeNull();
    expect(await store().groupsOf('4')).toEqual([]);
    expect(await store().addMembers(group.id, ['4'], 4)).toEqual(['4']);
    expect((await store().getGroup(group.id))?.memberCount).toBe(4);
  });

  it('refuses to add to a group that does not exist', async () => {
    await expect(store().addMembers('999', ['2'], 10)).rejects.toBeInstanceOf(GroupNotFoundError);
    expect(await store().groupsOf('2')).toEqual([]);
  });

  it('removes a member from the group and from their list', async () => {
    const group = await create();
    expect(await store().removeMember(group.id, '2')).toBe(true);
    expect(await store().removeMember(group.id, '2')).toBe(false);
    expect(await store().getRole(group.id, '2')).toBeNull();
    expect(await store().groupsOf('2')).toEqual([]);
    expect(await store().groupsOf('3')).toEqual([group.id]);
  });

  it('changes roles of members only, and renames', async () => {
    const group = await create();
    expect(await store().setRole(group.id, '2', 'admin')).toBe(true);
    expect(await store().getRole(group.id, '2')).toBe('admin');
    expect(await store().setRole(group.id, '9', 'admin')).toBe(false);
    expect(await store().rename(group.id, 'family')).toBe(true);
    expect(await store().getGroup(group.id)).toMatchObject({ name: 'family' });
    expect(await store().rename('999', 'x')).toBe(false);
  });

  it('dismisses a group: gone from reads, lists and the listing', async () => {
    const group = await create();
    const other = await create(['3']);
    expect(await store().dismiss(group.id)).toBe(true);
    expect(await store().dismiss(group.id)).toBe(false);
    expect(await store().getGroup(group.id)).toBeNull();
    expect(await store().getMembers(group.id)).toEqual([]);
    expect(await store().groupsOf('2')).toEqual([]);
    expect(await store().groupsOf('3')).toEqual([other.id]);
    expect((await store().listGroups('0', 10)).groups.map((g) => g.id)).toEqual([other.id]);
  });

  it('lists every group by ascending id, page by page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await create()).id);
    const seen: string[] = [];
    let cursor = '0';
    do {
      const page = await store().listGroups(cursor, 5);
      seen.push(...page.groups.map((g) => g.id));
      cursor = page.cursor;
    } while (cursor !== '0');
    expect(seen).toEqual(ids);
    await expect(store().listGroups('nope', 5)).rejects.toThrow(RangeError);
  });

  it('answers nothing for ids that are not group ids', async () => {
    expect(await store().getGroup('../x')).toBeNull();
    expect(await store().getRole('x', '1')).toBeNull();
    expect(await store().audience('x', '1')).toBeNull();
  });

  it('keeps a group of 1,000 members', async () => {
    const memberIds = Array.from({ length: 999 }, (_, i) => String(10_000 + i));
    const group = await create(memberIds, 1000);
    expect((await store().getGroup(group.id))?.memberCount).toBe(1000);
    await expect(store().addMembers(group.id, ['1'], 1000)).resolves.toEqual([]);
    await expect(store().addMembers(group.id, ['5'], 1000)).rejects.toBeInstanceOf(GroupFullError);
  });
}
