import { createGatewayFixture } from '../testing/gateway-fixture';

async function setUp(overrides = {}) {
  const f = await createGatewayFixture(overrides);
  const [owner, admin, member, outsider] = await Promise.all(
    ['owner', 'admin', 'member', 'outsider'].map(async (n) => (await f.store.createUser(n, 'h')).id),
  );
  const group = await f.groups.create(owner, 'club', [admin, member]);
  await f.groups.setRole(owner, group.id, admin, 'admin');
  return { f, owner, admin, member, outsider, groupId: group.id };
}

const status = (error: unknown) => (error as { getStatus(): number }).getStatus();

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  return { status: status(error), message: (error as Error).message };
}

describe('GroupsService', () => {
  it('creates a group whose creator is the owner, listed among each member’s groups', async () => {
    const { f, owner, admin, member, groupId } = await setUp();
    const group = await f.groups.get(member, groupId);
    expect(group).toMatchObject({ name: 'club', ownerId: owner, memberCount: 3, role: 'member' });
    expect(group.members).toEqual([
      { userId: owner, role: 'owner' },
      { userId: admin, role: 'admin' },
      { userId: member, role: 'member' },
    ]);
    expect((await f.groups.mine(admin)).groups).toEqual([
      expect.objectContaining({ id: groupId, role: 'admin' }),
    ]);
  });

  it('lets only members read a group, and names a group that does not exist', async () => {
    const { f, outsider, groupId } = await setUp();
    expect(await refusal(f.groups.get(outsider, groupId))).toEqual({
      status: 403,
      message: `you are not a member of group ${groupId}`,
    });
    expect(await refusal(f.groups.get(outsider, '404'))).toEqual({
      status: 404,
      message: 'group 404 does not exist',
    });
  });

  it('follows the role matrix: who may add, remove, rename, set roles and dismiss', async () => {
    const { f, owner, admin, member, outsider, groupId } = await setUp();
    expect(await refusal(f.groups.addMembers(member, groupId, [outsider]))).toEqual({
      status: 403,
      message: 'only the owner or an admin may add members',
    });
    expect(await f.groups.addMembers(admin, groupId, [outsider])).toEqual({ added: [outsider] });
    expect((await refusal(f.groups.rename(member, groupId, 'x'))).status).toBe(403);
    expect(await f.groups.rename(admin, groupId, 'renamed')).toMatchObject({ name: 'renamed' });
    expect((await refusal(f.groups.removeMember(member, groupId, outsider))).status).toBe(403);
    expect(await refusal(f.groups.setRole(admin, groupId, member, 'admin'))).toEqual({
      status: 403,
      message: 'only the owner may change roles',
    });
    await f.groups.setRole(owner, groupId, member, 'admin');
    expect(await refusal(f.groups.removeMember(admin, groupId, member))).toEqual({
      status: 403,
      message: 'only the owner may remove an admin',
    });
    expect((await refusal(f.groups.removeMember(owner, groupId, owner))).status).toBe(409);
    expect((await refusal(f.groups.removeMember(admin, groupId, owner))).status).toBe(403);
    await f.groups.removeMember(admin, groupId, outsider);
    expect((await refusal(f.groups.get(outsider, groupId))).status).toBe(403);
    expect((await refusal(f.groups.dismiss(admin, groupId))).status).toBe(403);
    await f.groups.dismiss(owner, groupId);
    expect((await refusal(f.groups.get(owner, groupId))).status).toBe(404);
    expect((await f.groups.mine(member)).groups).toEqual([]);
  });

  it('lets members leave but not the owner', async () => {
    const { f, owner, member, groupId } = await setUp();
    await f.groups.leave(member, groupId);
    expect((await f.groups.mine(member)).groups).toEqual([]);
    expect(await refusal(f.groups.leave(owner, groupId))).toEqual({
      status: 409,
      message: 'the owner cannot leave: dismiss the group instead',
    });
  });

  it('refuses members who are not registered users, naming them', async () => {
    const { f, owner, groupId } = await setUp();
    expect(await refusal(f.groups.addMembers(owner, groupId, ['99999']))).toEqual({
      status: 404,
      message: 'no such user: 99999',
    });
  });

  it('refuses to grow a group past CIM_GROUP_MAX_MEMBERS, at creation and when adding', async () => {
    const { f, owner, outsider, groupId } = await setUp({ CIM_GROUP_MAX_MEMBERS: '3' });
    const limit = { status: 409, message: 'a group may have at most 3 members (CIM_GROUP_MAX_MEMBERS)' };
    expect(await refusal(f.groups.addMembers(owner, groupId, [outsider]))).toEqual(limit);
    const users = await Promise.all(['x', 'y', 'z'].map(async (n) => (await f.store.createUser(n, 'h')).id));
    expect(await refusal(f.groups.create(owner, 'big', users))).toEqual(limit);
  });
});
