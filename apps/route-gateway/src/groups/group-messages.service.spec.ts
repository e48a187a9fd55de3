import { DeliverRequest, ImServerPatterns, SendRequest } from '@cim/protocol';
import { createGatewayFixture } from '../testing/gateway-fixture';

type Fixture = Awaited<ReturnType<typeof createGatewayFixture>>;

/** Registers users cheaply (no password hashing) and brings them online on the given server. */
async function usersOnline(f: Fixture, names: string[], serverId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const { id } = await f.store.createUser(name, 'h');
    await f.store.claimOnline({ userId: id, serverId, sessionId: `${id}@${serverId}`, since: 0 });
    ids.push(id);
  }
  return ids;
}

const login = (f: Fixture, userId: string, serverId: string) =>
  f.sessions.opened({ userId, serverId, sessionId: `${userId}@${serverId}` });

function sendRequest(userId: string, groupId: string, body = 'hi', serverId = 'im-1'): SendRequest {
  return {
    userId,
    userName: `user-${userId}`,
    sessionId: `${userId}@${serverId}`,
    serverId,
    clientMsgId: `c-${body}`,
    groupId,
    body,
  };
}

function delivered(f: Fixture) {
  return f.servers.callsOf(ImServerPatterns.Deliver).map((c) => ({
    serverId: c.serverId,
    entries: (c.payload as DeliverRequest).entries,
  }));
}

async function handOversByServer(f: Fixture): Promise<Record<string, number>> {
  const metric = await f.metricsRegistry.getSingleMetric('cim_group_handovers_total')?.get();
  return Object.fromEntries((metric?.values ?? []).map((v) => [v.labels.server, v.value]));
}

describe('GroupMessagesService', () => {
  it('hands a message of a 1,000-member group to each im-server once, naming its members there', async () => {
    const f = await createGatewayFixture();
    const onOne = await usersOnline(f, names('a', 500), 'im-1');
    const onTwo = await usersOnline(f, names('b', 400), 'im-2');
    const offline = (await Promise.all(names('c', 99).map((n) => f.store.createUser(n, 'h')))).map(
      (u) => u.id,
    );
    const [owner, ...others] = [...onOne, ...onTwo, ...offline];
    const group = await f.groups.create(owner, 'big', others);
    expect(group.memberCount).toBe(999);
    await f.groups.addMembers(owner, group.id, [(await f.store.createUser('late', 'h')).id]);
    await Promise.all([...onOne.map((u) => login(f, u, 'im-1')), ...onTwo.map((u) => login(f, u, 'im-2'))]);

    const reply = await f.messages.send(sendRequest(owner, group.id, 'to everyone'));

    expect(reply).toMatchObject({ duplicate: false, seq: 1 });
    const calls = delivered(f);
    expect(calls.map((c) => c.serverId).sort()).toEqual(['im-1', 'im-2']);
    const named = (serverId: string) =>
      calls
        .find((c) => c.serverId === serverId)!
        .entries.flatMap((e) => e.userIds ?? [])
        .sort();
    expect(named('im-1')).toEqual(onOne.filter((u) => u !== owner).sort());
    expect(named('im-2')).toEqual([...onTwo].sort());
    expect(calls[0].entries[0].message).toMatchObject({ groupId: group.id, kind: 'group', seq: 1 });
    expect(await handOversByServer(f)).toEqual({ 'im-1': 1, 'im-2': 1 });
  });

  it('refuses a sender who is not a member, and names a group that does not exist', async () => {
    const f = await createGatewayFixture();
    const [alice, bob, carol] = await usersOnline(f, ['alice', 'bob', 'carol'], 'im-1');
    const group = await f.groups.create(alice, 'pair', [bob]);
    await expect(f.messages.send(sendRequest(carol, group.id))).rejects.toMatchObject({
      code: 'NotAMember',
      message: `you are not a member of group ${group.id}`,
    });
    await expect(f.messages.send(sendRequest(alice, '999'))).rejects.toMatchObject({
      code: 'UnknownReceiver',
      message: 'group 999 does not exist',
    });
    await expect(f.messages.send(sendRequest(alice, 'x1'))).rejects.toMatchObject({ code: 'BadRequest' });
    expect(delivered(f)).toEqual([]);
  });

  it('stops handing messages to a removed member, and refuses them as a sender', async () => {
    const f = await createGatewayFixture();
    const [alice, bob, carol] = await usersOnline(f, ['alice', 'bob', 'carol'], 'im-1');
    const group = await f.groups.create(alice, 'three', [bob, carol]);
    await Promise.all([alice, bob, carol].map((u) => login(f, u, 'im-1')));
    await f.groups.removeMember(alice, group.id, carol);
    await f.messages.send(sendRequest(alice, group.id));
    expect(delivered(f)[0].entries[0].userIds).toEqual([bob]);
    await expect(f.messages.send(sendRequest(carol, group.id))).rejects.toMatchObject({ code: 'NotAMember' });
  });

  it('answers a repeated SEND with the first message id and hands nothing over again', async () => {
    const f = await createGatewayFixture();
    const [alice, bob] = await usersOnline(f, ['alice', 'bob'], 'im-2');
    const group = await f.groups.create(alice, 'pair', [bob]);
    await Promise.all([alice, bob].map((u) => login(f, u, 'im-2')));
    const first = await f.messages.send(sendRequest(alice, group.id, 'once', 'im-2'));
    const again = await f.messages.send(sendRequest(alice, group.id, 'once', 'im-2'));
    const { seq: _, ...original } = first;
    expect(first.seq).toBe(1);
    expect(again).toEqual({ ...original, duplicate: true });
    expect(delivered(f)).toHaveLength(1);
  });

  it('forgets a member who logged out, and notes members online when they are added', async () => {
    const f = await createGatewayFixture();
    const [alice, bob, carol] = await usersOnline(f, ['alice', 'bob', 'carol'], 'im-1');
    const group = await f.groups.create(alice, 'g', [bob]);
    await login(f, bob, 'im-1');
    await f.sessions.closed({ userId: bob, serverId: 'im-1', sessionId: `${bob}@im-1`, reason: 'logout' });
    await f.groups.addMembers(alice, group.id, [carol]);
    await f.messages.send(sendRequest(alice, group.id));
    expect(delivered(f)[0].entries[0].userIds).toEqual([carol]);
  });
});

function names(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}
