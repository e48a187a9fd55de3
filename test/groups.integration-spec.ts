import Redis from 'ioredis';
import { ErrorCode, Frame, MessageKind } from '@cim/protocol';
import { AdminApi } from './harness/admin-api';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { http } from './harness/http';
import { metricValue, scrape } from './harness/prometheus';
import { inBatches, SdkUser } from './harness/sdk-user';

/** Groups with membership on real processes: two im-servers, one route-gateway, Redis and ZooKeeper. */
describe('groups with membership across two im-servers', () => {
  let cluster: Cluster;
  let url: string;
  let redis: Redis;
  /** The MONITOR connection of the Redis-work test; closed in afterAll, so a failure cannot leave it open. */
  let monitor: Redis | undefined;
  const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    // The raw clients send no PING: a long idle timeout keeps them connected on a slow machine.
    cluster = await Cluster.start({
      servers: 2,
      gatewayEnv: { CIM_GROUP_MAX_MEMBERS: '1000' },
      serverEnv: { CIM_IDLE_TIMEOUT_MS: '600000' },
    });
    url = cluster.gatewayUrl;
    redis = new Redis(cluster.redis.url);
  });

  afterAll(async () => {
    monitor?.disconnect();
    await redis?.quit();
    await cluster?.stop();
  });

  function createGroup(owner: ChatUser, members: string[], name = 'club') {
    return http<{ id: string; memberCount: number }>(
      'POST',
      `${url}/api/groups`,
      { name, memberIds: members },
      owner.token,
    );
  }

  let request = 100;
  /** A SEND frame to the group; answers the SEND_ACK or ERROR that answers it. */
  async function sendToGroup(user: ChatUser, groupId: string, body: string): Promise<Frame> {
    const requestId = ++request;
    user.client!.send({ requestId, send: { clientMsgId: `c-${requestId}`, groupId, body } });
    const answered = (f: Frame) => f.requestId === requestId;
    return Promise.race([user.client!.next('sendAck', answered), user.client!.next('error', answered)]);
  }

  const bodiesOf = (user: ChatUser) => user.client!.messages().map((m) => m.body);

  /** Users online, alternately on im-1 and im-2 (the gateway's round robin). */
  async function usersOnline(count: number, prefix: string): Promise<ChatUser[]> {
    const users: ChatUser[] = [];
    for (let i = 0; i < count; i++) users.push(await ChatUser.online(url, unique(`${prefix}${i}`)));
    return users;
  }

  it('delivers a group of three across both servers to the other two, with the group id', async () => {
    const [alice, bob, carol] = await usersOnline(3, 'three');
    expect(new Set([alice, bob, carol].map((u) => u.serverId))).toEqual(new Set(['im-1', 'im-2']));
    const group = await createGroup(alice, [bob.userId, carol.userId]);
    expect(group.status).toBe(201);
    const groupId = group.body.id;

    const ack = await sendToGroup(bob, groupId, 'hello club');
    expect(ack.sendAck).toMatchObject({ messageId: expect.any(String) });
    for (const receiver of [alice, carol]) {
      await receiver.client!.until(
        () => bodiesOf(receiver).includes('hello club'),
        5000,
        'the group message',
      );
      expect(receiver.client!.messages().find((m) => m.body === 'hello club')).toMatchObject({
        senderId: bob.userId,
        kind: MessageKind.Group,
        groupId,
        seq: 1,
      });
    }
    // A later message from alice is the marker: by its arrival, a copy of bob's own would have come too.
    await sendToGroup(alice, groupId, 'marker');
    await bob.client!.until(() => bodiesOf(bob).includes('marker'), 5000, 'the marker');
    expect(bodiesOf(bob)).toEqual(['marker']);
    await Promise.all([alice, bob, carol].map((u) => u.logout()));
  });

  it('stops delivering to a removed member, who can no longer send, as a non-member cannot', async () => {
    const [alice, bob, carol, dave] = await usersOnline(4, 'removed');
    const groupId = (await createGroup(alice, [bob.userId, carol.userId])).body.id;
    const removed = await http(
      'DELETE',
      `${url}/api/groups/${groupId}/members/${carol.userId}`,
      undefined,
      alice.token,
    );
    expect(removed.status).toBe(204);

    await sendToGroup(alice, groupId, 'after removal');
    await bob.client!.until(() => bodiesOf(bob).includes('after removal'), 5000, 'the group message');
    // Carol is on the same servers as the others; a private message sent after the group message is
    // the marker that the group message would have reached her by now.
    await alice.sendPrivate(carol.userId, 'private marker');
    await carol.client!.until(() => bodiesOf(carol).includes('private marker'), 5000, 'the marker');
    expect(bodiesOf(carol)).toEqual(['private marker']);

    for (const outsider of [carol, dave]) {
      const refused = await sendToGroup(outsider, groupId, 'let me in');
      expect(refused.error).toMatchObject({
        code: ErrorCode.NotAMember,
        text: `you are not a member of group ${groupId}`,
        answers: 'send',
      });
    }
    const unknown = await sendToGroup(dave, '999999', 'anyone?');
    expect(unknown.error).toMatchObject({
      code: ErrorCode.UnknownReceiver,
      text: 'group 999999 does not exist',
    });
    const malformed = await sendToGroup(dave, 'club', 'anyone?');
    expect(malformed.error).toMatchObject({
      code: ErrorCode.BadRequest,
      text: 'groupId must be a decimal group id such as 1',
    });
    expect(dave.client!.closed).toBe(false);
    await Promise.all([alice, bob, carol, dave].map((u) => u.logout()));
  });

  it('sends and receives through the SDK: sendToGroup, and the group id on the received message', async () => {
    const [ann, ben] = [new SdkUser(url, unique('sdkA')), new SdkUser(url, unique('sdkB'))];
    await Promise.all([ann.online(), ben.online()]);
    const owner = await ChatUser.online(url, unique('sdkOwner'));
    const groupId = (await createGroup(owner, [ann.userId, ben.userId])).body.id;
    await ann.client.sendToGroup(groupId, 'from the sdk');
    await eventually(() =>
      expect(ben.messages).toEqual([expect.objectContaining({ body: 'from the sdk', groupId })]),
    );
    await Promise.all([ann.client.close(), ben.client.close(), owner.logout()]);
  });

  it('hands a message of a 1,000-member group to each im-server once, and its Redis work does not grow', async () => {
    const offline: string[] = [];
    await inBatches(Array.from({ length: 960 }), 20, async () => {
      offline.push((await ChatUser.registered(url, unique('bigoff'))).userId);
    });
    const online = await usersOnline(40, 'big');
    const [owner, ...others] = online;
    const group = await createGroup(owner, [...others.map((u) => u.userId), ...offline], 'thousand');
    expect(group.body).toMatchObject({ memberCount: 1000 });
    const small = await createGroup(owner, [others[0].userId, others[1].userId], 'small');

    // What a message costs Redis, counted from MONITOR between two marks (Redis reports commands in the
    // order it ran them, a script's own calls included), leaving out what the processes do every second
    // whatever is sent: the store marker's check and the node-id and im-server run leases.
    monitor = await redis.monitor();
    const ran: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => ran.push(args));
    const periodic = /\{(store|ids|runs)\}|\{s:[^}]+\}:run/;
    let marks = 0;
    const mark = async () => {
      const text = `mark-${++marks}`;
      await redis.echo(text);
      return eventually(() => {
        const at = ran.findIndex((args) => args[0].toLowerCase() === 'echo' && args[1] === text);
        expect(at).toBeGreaterThanOrEqual(0);
        return at;
      });
    };
    const measure = async (groupId: string, body: string, receivers: ChatUser[]) => {
      const from = await mark();
      const ack = await sendToGroup(owner, groupId, body);
      expect(ack.sendAck).toBeDefined();
      for (const receiver of receivers)
        await receiver.client!.until(() => bodiesOf(receiver).includes(body), 10_000, body);
      const to = await mark();
      return ran.slice(from + 1, to).filter((args) => !args.some((arg) => periodic.test(arg))).length;
    };
    const commandsSmall = await measure(small.body.id, 'to three', others.slice(0, 2));
    const before = await scrape(cluster.gatewayInternalUrl);
    const commandsBig = await measure(group.body.id, 'to a thousand', others);
    const after = await scrape(cluster.gatewayInternalUrl);

    const handOvers = (server: string) =>
      metricValue(after, 'cim_group_handovers_total', { server }) -
      metricValue(before, 'cim_group_handovers_total', { server });
    expect({ im1: handOvers('im-1'), im2: handOvers('im-2') }).toEqual({ im1: 1, im2: 1 });
    expect(commandsBig).toBeLessThanOrEqual(commandsSmall + 5);
    console.log(
      `Redis commands per group message: ${commandsSmall} (3 members), ${commandsBig} (1,000 members, 40 online)`,
    );
    await Promise.all(online.map((u) => u.logout()));
  });

  it('lets operators list and inspect groups, and backends push to a group', async () => {
    await cluster.addAdmin();
    const admin = new AdminApi(cluster.adminUrl);
    const [owner, member] = await usersOnline(2, 'admin');
    const offline = await ChatUser.registered(url, unique('adminOff'));
    const groupId = (await createGroup(owner, [member.userId, offline.userId], 'inspected')).body.id;

    const listed = await eventually(async () => {
      const page = await admin.call<{ groups: { id: string }[]; cursor: string }>(
        'GET',
        '/api/admin/groups?count=1000',
      );
      expect(page.body.groups.map((g) => g.id)).toContain(groupId);
      return page;
    });
    expect(listed.status).toBe(200);
    const inspected = await admin.call('GET', `/api/admin/groups/${groupId}`);
    expect(inspected.body).toMatchObject({
      id: groupId,
      name: 'inspected',
      memberCount: 3,
      online: 2,
      members: expect.arrayContaining([
        { userId: owner.userId, role: 'owner', serverId: owner.serverId },
        { userId: member.userId, role: 'member', serverId: member.serverId },
        { userId: offline.userId, role: 'member' },
      ]),
    });
    expect((await admin.call('GET', '/api/admin/groups/999999')).status).toBe(404);

    const pushed = await admin.push({ groupId, body: 'notice to the group', sender: 'shop' });
    expect(pushed.body).toMatchObject({ online: 2, offline: 1, unknown: [] });
    for (const user of [owner, member]) {
      await user.client!.until(() => bodiesOf(user).includes('notice to the group'), 5000, 'the push');
      expect(user.client!.messages().find((m) => m.body === 'notice to the group')).toMatchObject({
        kind: MessageKind.System,
        senderName: 'shop',
        groupId,
      });
    }
    expect((await admin.push({ groupId: '999999', body: 'x' })).status).toBe(404);
    await Promise.all([owner, member].map((u) => u.logout()));
  });

  it('refuses to grow a group past CIM_GROUP_MAX_MEMBERS with 409', async () => {
    const [owner] = await usersOnline(1, 'limit');
    const ids = Array.from({ length: 1000 }, (_, i) => String(20_000_000 + i));
    const refused = await createGroup(owner, ids);
    expect(refused).toMatchObject({
      status: 409,
      body: { message: 'a group may have at most 1000 members (CIM_GROUP_MAX_MEMBERS)' },
    });
    await owner.logout();
  });
});
