import { CimClientOptions, Device, ReadReceipt, ReceivedMessage } from '@cim/client-sdk';
import { AdminApi } from './harness/admin-api';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { http } from './harness/http';
import { SdkUser } from './harness/sdk-user';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * One user on two devices on different im-servers, through real processes (two im-servers, a
 * route-gateway, the admin app, Redis and ZooKeeper) and the SDK: both devices receive what is sent to
 * the user, each shows what the other sent as the user's own, the sending device does not get its own
 * message back, a device that was away catches up from the history, marking read on one device clears
 * the unread count on the other while the private peer gets a receipt, and an operator can kick one
 * device or all.
 */
describe('one user on several devices', () => {
  let cluster: Cluster;
  let admin: AdminApi;
  const users: SdkUser[] = [];
  /** Every READ_STATE each client was told (hooks.onRead). */
  const reads = new Map<SdkUser, ReadReceipt[]>();

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    await cluster.addAdmin();
    admin = new AdminApi(cluster.adminUrl);
  });

  afterEach(async () => {
    await Promise.all(users.splice(0).map((u) => u.client.close()));
  });

  afterAll(() => cluster?.stop());

  function user(name: string, device: Device, options: Partial<CimClientOptions> = {}): SdkUser {
    const told: ReadReceipt[] = [];
    const hooks = { onRead: (read: ReadReceipt) => void told.push(read) };
    const created = new SdkUser(cluster.gatewayUrl, name, { device, hooks, ...options });
    users.push(created);
    reads.set(created, told);
    return created;
  }

  /** Another device of a user who exists already. */
  async function anotherDevice(of: SdkUser, device: Device): Promise<SdkUser> {
    const added = user(of.name, device);
    await added.client.start();
    added.userId = of.userId;
    return added;
  }

  /** Alice on a phone and a laptop, on different im-servers, and Bob on one device. */
  async function aliceOnTwoDevices() {
    const bob = await user(unique('bob'), { id: 'bob-desk', kind: 'terminal' }).online();
    const phone = await user(unique('alice'), { id: 'phone', kind: 'mobile' }).online();
    const laptop = await anotherDevice(phone, { id: 'laptop', kind: 'terminal' });
    // Logins one after another go round robin: the two devices are on different servers.
    expect(new Set([phone.serverId, laptop.serverId])).toEqual(new Set(['im-1', 'im-2']));
    return { bob, phone, laptop };
  }

  const bodies = (messages: ReceivedMessage[]) => messages.map((m) => m.body);

  it('both devices receive; each sees what the other sent, as the user’s own; none gets its own back', async () => {
    const { bob, phone, laptop } = await aliceOnTwoDevices();

    await bob.client.sendPrivate(phone.userId, 'to both of your devices');
    await eventually(() => expect(bodies(phone.messages)).toEqual(['to both of your devices']));
    await eventually(() => expect(bodies(laptop.messages)).toEqual(['to both of your devices']));

    await phone.client.sendPrivate(bob.userId, 'from my phone');
    await laptop.client.sendPrivate(bob.userId, 'from my laptop');
    await eventually(() => expect(bodies(bob.messages).sort()).toEqual(['from my laptop', 'from my phone']));
    await eventually(() => expect(bodies(laptop.messages)).toContain('from my phone'));
    await eventually(() => expect(bodies(phone.messages)).toContain('from my laptop'));
    expect(laptop.messages.find((m) => m.body === 'from my phone')).toMatchObject({
      senderId: phone.userId,
      receiverId: bob.userId,
      kind: 'private',
      senderDeviceId: 'phone',
      senderDeviceKind: 'mobile',
    });
    expect(bob.messages.find((m) => m.body === 'from my laptop')).toMatchObject({ senderDeviceId: 'laptop' });

    await phone.client.sendGroup('to the lobby from my phone');
    await eventually(() => expect(bodies(laptop.messages)).toContain('to the lobby from my phone'));
    await eventually(() => expect(bodies(bob.messages)).toContain('to the lobby from my phone'));

    // Every message once on each device, and never the device's own back.
    expect(bodies(phone.messages).sort()).toEqual(['from my laptop', 'to both of your devices']);
    expect(bodies(laptop.messages).sort()).toEqual([
      'from my phone',
      'to both of your devices',
      'to the lobby from my phone',
    ]);
  });

  it("a group message reaches every device of every member, the sender's other device included", async () => {
    const { bob, phone, laptop } = await aliceOnTwoDevices();
    const created = await http<{ id: string }>(
      'POST',
      `${cluster.gatewayUrl}/api/groups`,
      { name: 'devices', memberIds: [bob.userId] },
      phone.client.accessToken,
    );
    expect(created.status).toBe(201);
    const groupId = created.body.id;
    await laptop.client.sendToGroup(groupId, 'group message from my laptop');
    await eventually(() => expect(bodies(phone.messages)).toEqual(['group message from my laptop']));
    await eventually(() => expect(bodies(bob.messages)).toEqual(['group message from my laptop']));
    expect(phone.messages[0]).toMatchObject({ groupId, senderId: phone.userId, senderDeviceId: 'laptop' });
    expect(bodies(laptop.messages)).toEqual([]);
  });

  it('a device that was away reads what it missed from the history, and gets nothing twice', async () => {
    const { bob, phone, laptop } = await aliceOnTwoDevices();
    await bob.client.sendPrivate(phone.userId, 'before');
    await eventually(() => expect(bodies(laptop.messages)).toEqual(['before']));
    const seenSeq = laptop.messages[0].seq;
    await laptop.client.close();

    await bob.client.sendPrivate(phone.userId, 'while the laptop was away 1');
    await bob.client.sendPrivate(phone.userId, 'while the laptop was away 2');
    await eventually(() => expect(phone.messages).toHaveLength(3));

    const back = await anotherDevice(phone, { id: 'laptop', kind: 'terminal' });
    const conversation = pair(phone.userId, bob.userId);
    const page = await http<{ messages: { body: string; seq: number }[] }>(
      'GET',
      `${cluster.gatewayUrl}/api/conversations/${conversation}/messages?after=${seenSeq}`,
      undefined,
      back.client.accessToken,
    );
    expect(page.body.messages.map((m) => m.body)).toEqual([
      'while the laptop was away 1',
      'while the laptop was away 2',
    ]);
    await bob.client.sendPrivate(phone.userId, 'after');
    await eventually(() => expect(bodies(back.messages)).toContain('after'));
    // The phone acknowledged the earlier ones: they are not handed to the laptop again.
    expect(bodies(back.messages)).toEqual(['after']);
  });

  it('marking read on one device clears the unread count on the other, and the private peer gets the receipt', async () => {
    const { bob, phone, laptop } = await aliceOnTwoDevices();
    const conversation = pair(phone.userId, bob.userId);
    for (const body of ['one', 'two', 'three']) await bob.client.sendPrivate(phone.userId, body);
    await eventually(() => expect(bodies(phone.messages)).toEqual(['one', 'two', 'three']));
    await eventually(() => expect(bodies(laptop.messages)).toEqual(['one', 'two', 'three']));
    const last = laptop.messages[2].seq;
    expect(await unread(laptop, conversation)).toEqual({ readSeq: 0, unread: 3 });

    expect(await phone.client.markRead(conversation, last)).toBe(last);

    // The laptop, on the other im-server, is told its user read up to the last message it holds.
    const mine = { conversation, userId: phone.userId, seq: last };
    await eventually(() => expect(reads.get(laptop)).toEqual([mine]));
    expect(laptop.messages.filter((m) => m.conversation === conversation && m.seq > last)).toEqual([]);
    expect(await unread(laptop, conversation)).toEqual({ readSeq: last, unread: 0 });
    // Bob gets the receipt; the phone has its answer and no READ_STATE of its own mark.
    await eventually(() => expect(reads.get(bob)).toEqual([mine]));
    expect(reads.get(phone)).toEqual([]);

    // The same the other way round, in a group: the laptop marks, the phone learns it.
    const created = await http<{ id: string }>(
      'POST',
      `${cluster.gatewayUrl}/api/groups`,
      { name: 'reads', memberIds: [phone.userId] },
      bob.client.accessToken,
    );
    const group = `g:${created.body.id}`;
    await bob.client.sendToGroup(created.body.id, 'to the group');
    await eventually(() => expect(bodies(phone.messages)).toContain('to the group'));
    await eventually(() => expect(bodies(laptop.messages)).toContain('to the group'));
    expect(await unread(phone, group)).toEqual({ readSeq: 0, unread: 1 });
    expect(await laptop.client.markRead(group, 1)).toBe(1);
    await eventually(() =>
      expect(reads.get(phone)).toEqual([{ conversation: group, userId: phone.userId, seq: 1 }]),
    );
    expect(await unread(phone, group)).toEqual({ readSeq: 1, unread: 0 });
    // A group has no receipts: Bob hears nothing more.
    expect(reads.get(bob)).toEqual([mine]);
  });

  /** The device's read pointer and unread count in a conversation, as GET /api/conversations lists them. */
  async function unread(device: SdkUser, conversation: string) {
    const answer = await http<{ conversations: { conversation: string; readSeq: number; unread: number }[] }>(
      'GET',
      `${cluster.gatewayUrl}/api/conversations`,
      undefined,
      device.client.accessToken,
    );
    expect(answer.status).toBe(200);
    const found = answer.body.conversations.find((c) => c.conversation === conversation);
    return { readSeq: found?.readSeq, unread: found?.unread };
  }

  it('lists the user once with both devices, and an operator kicks one device, then all', async () => {
    const { bob, phone, laptop } = await aliceOnTwoDevices();
    const page = await http<{ users: { userId: string; devices: { deviceId: string; kind: string }[] }[] }>(
      'GET',
      `${cluster.gatewayUrl}/api/online-users?count=1000`,
      undefined,
      bob.client.accessToken,
    );
    const listed = page.body.users.filter((u) => u.userId === phone.userId);
    expect(listed).toEqual([
      {
        userId: phone.userId,
        name: phone.name,
        devices: [
          { deviceId: 'laptop', kind: 'terminal' },
          { deviceId: 'phone', kind: 'mobile' },
        ],
      },
    ]);
    const state = await admin.call<{ devices: { deviceId: string; serverId: string }[] }>(
      'GET',
      `/api/admin/users/${phone.userId}`,
    );
    expect(state.body.devices.map((d) => [d.deviceId, d.serverId])).toEqual([
      ['laptop', laptop.serverId],
      ['phone', phone.serverId],
    ]);

    const one = await admin.call('POST', `/api/admin/users/${phone.userId}/kick`, { deviceId: 'laptop' });
    expect(one.body).toMatchObject({ kicked: true, devices: ['laptop'] });
    await eventually(() => expect(laptop.client.state).toBe('closed'));
    await bob.client.sendPrivate(phone.userId, 'still on the phone');
    await eventually(() => expect(bodies(phone.messages)).toEqual(['still on the phone']));
    expect(phone.client.state).toBe('ready');

    const all = await admin.call('POST', `/api/admin/users/${phone.userId}/kick`, {});
    expect(all.body).toMatchObject({ kicked: true, devices: ['phone'] });
    await eventually(() => expect(phone.client.state).toBe('closed'));
  });

  it('refuses a second login of the same device while the first is connected', async () => {
    const first = await user(unique('carol'), { id: 'tablet', kind: 'mobile' }).online();
    const again = user(first.name, { id: 'tablet', kind: 'mobile' }, { loginRetries: 0 });
    await expect(again.client.start()).rejects.toThrow(/already online on device tablet/);
    expect(first.client.state).toBe('ready');
  });
});

/** The private conversation of two users: 'p:<smaller id>:<larger id>'. */
function pair(a: string, b: string): string {
  const [low, high] = [a, b].sort((x, y) => x.length - y.length || (x < y ? -1 : 1));
  return `p:${low}:${high}`;
}
