import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

describe('the kick login policy', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2, gatewayEnv: { CIM_LOGIN_POLICY: 'kick' } });
  });

  afterAll(() => cluster?.stop());

  it('kicks the old connection and lets the new login in', async () => {
    const first = await ChatUser.online(cluster.gatewayUrl, unique('kick'));
    const second = new ChatUser(cluster.gatewayUrl, first.name, first.userId);
    await second.connect();
    const kicked = await first.client!.next('kicked');
    expect(kicked.kicked!.reason).toMatch(/logged in elsewhere/);
    await first.client!.waitClosed();
    const alice = await ChatUser.online(cluster.gatewayUrl, unique('kickA'));
    const sent = await alice.sendPrivate(second.userId, 'to the new session');
    expect(sent.body.delivery).toBe('online');
    const received = await second.client!.next('messages');
    expect(received.messages!.messages[0].body).toBe('to the new session');
  });
});

describe('the consistent-hash strategy', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2, gatewayEnv: { CIM_ROUTE_STRATEGY: 'consistent-hash' } });
  });

  afterAll(() => cluster?.stop());

  it('sends a user to the same server at every login, and uses both servers', async () => {
    const users = await Promise.all(
      Array.from({ length: 12 }, (_, i) => ChatUser.registered(cluster.gatewayUrl, unique(`ch${i}`))),
    );
    const first = new Map<string, string>();
    for (const user of users) {
      await user.connect();
      first.set(user.userId, user.serverId);
      await user.logout();
      await user.client!.waitClosed();
    }
    for (const user of users) {
      await user.connect();
      expect(user.serverId).toBe(first.get(user.userId));
      await user.logout();
    }
    expect(new Set(first.values())).toEqual(new Set(['im-1', 'im-2']));
  });
});
