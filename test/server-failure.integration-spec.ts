import { AdminApi } from './harness/admin-api';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { http } from './harness/http';

/**
 * The im-servers' run lease: a killed server's users go offline once it lapses, at least two thirds of
 * it after the kill (it is renewed every third), so after ZooKeeper's 4 s session timeout has ended
 * the server's registration and it is no longer assigned.
 */
const LEASE_MS = 9000;

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

describe('an im-server killed with SIGKILL', () => {
  let cluster: Cluster;
  let admin: AdminApi;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2, serverEnv: { CIM_SERVER_LEASE_MS: String(LEASE_MS) } });
    await cluster.addAdmin();
    admin = new AdminApi(cluster.adminUrl);
  });

  /** The group as the admin app shows it: each member with the server they are online on, if any. */
  const groupSeen = (groupId: string) =>
    admin.call<{ online: number; members: { userId: string; serverId?: string }[] }>(
      'GET',
      `/api/admin/groups/${groupId}`,
    );

  afterAll(() => cluster?.stop());

  it('stops being assigned, and its users show as offline, in their groups too, within its run’s lease and a sweep', async () => {
    const users = await Promise.all(
      [1, 2, 3, 4].map((i) => ChatUser.registered(cluster.gatewayUrl, unique(`k${i}`))),
    );
    for (const user of users) await user.connect();
    const victims = users.filter((u) => u.serverId === 'im-1');
    const survivor = users.find((u) => u.serverId === 'im-2')!;
    expect(victims.length).toBeGreaterThan(0);
    const group = await http<{ id: string }>(
      'POST',
      `${cluster.gatewayUrl}/api/groups`,
      { name: 'crew', memberIds: users.slice(1).map((u) => u.userId) },
      users[0].token,
    );
    expect(group.status).toBe(201);
    await eventually(async () => expect((await groupSeen(group.body.id)).body.online).toBe(users.length));

    await cluster.servers[0].stop('SIGKILL');
    // The lease lapses at most LEASE_MS after the last renewal; every gateway sweeps once a second.
    const deadline = Date.now() + LEASE_MS + 1000 + 3000;
    let online: string[] = [];
    while (Date.now() < deadline) {
      const page = await http<{ users: { userId: string }[] }>(
        'GET',
        `${cluster.gatewayUrl}/api/online-users?count=1000`,
        undefined,
        survivor.token,
      );
      online = page.body.users.map((u) => u.userId);
      if (victims.every((v) => !online.includes(v.userId))) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(victims.filter((v) => online.includes(v.userId))).toEqual([]);
    expect(online).toContain(survivor.userId);
    // The group's index of its members online lets go of the dead server with its routes.
    const seen = await groupSeen(group.body.id);
    expect(seen.body.members.filter((m) => m.serverId === 'im-1')).toEqual([]);
    expect(seen.body.online).toBe(users.length - victims.length);

    for (const victim of victims) {
      await victim.connect();
      expect(victim.serverId).toBe('im-2');
    }
  });
});
