import {
  CimClient,
  CimClientOptions,
  CimServerError,
  DuplicateLoginError,
  ErrorCode,
  InvalidCredentialsError,
} from '@cim/client-sdk';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { SDK_PASSWORD as PASSWORD, SdkUser as User } from './harness/sdk-user';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

describe('the client SDK against a cluster of two im-servers', () => {
  let cluster: Cluster;
  const users: User[] = [];

  /** Users online on two different im-servers (round robin alternates them). */
  async function pair(options: Partial<CimClientOptions> = {}): Promise<[User, User]> {
    const first = await user('alice', options);
    let second = await user('bob', options);
    while (second.serverId === first.serverId) second = await user('bob', options);
    return [first, second];
  }

  async function user(name: string, options: Partial<CimClientOptions> = {}): Promise<User> {
    const created = new User(cluster.gatewayUrl, unique(name), options);
    users.push(created);
    return created.online();
  }

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
  });
  afterEach(async () => {
    await Promise.all(users.splice(0).map((u) => u.client.close()));
  });
  afterAll(() => cluster?.stop());

  it('exchanges private and group messages between clients on different im-servers', async () => {
    const [alice, bob] = await pair();
    const toBob = await alice.client.sendPrivate(bob.userId, 'hi bob');
    const toAll = await bob.client.sendGroup('hello everyone');
    expect(toBob).toMatchObject({ duplicate: false, messageId: expect.stringMatching(/^\d+$/) });
    await eventually(() => expect(bob.bodies()).toEqual(['hi bob']));
    await eventually(() => expect(alice.bodies()).toEqual(['hello everyone']));
    expect(bob.messages[0]).toMatchObject({
      messageId: toBob.messageId,
      senderId: alice.userId,
      senderName: alice.client.session!.name,
      receiverId: bob.userId,
      kind: 'private',
      sentAt: toBob.sentAt,
    });
    expect(alice.messages[0]).toMatchObject({ messageId: toAll.messageId, kind: 'group', receiverId: '' });
  });

  it('delivers the private messages kept while a user was offline at the next login, marked offline', async () => {
    const alice = await user('alice');
    const bob = new User(cluster.gatewayUrl, unique('bob'));
    users.push(bob);
    bob.userId = await bob.client.register();
    await alice.client.sendPrivate(bob.userId, 'while you were away');
    await bob.client.start();
    await eventually(() => expect(bob.messages).toHaveLength(1));
    expect(bob.messages[0]).toMatchObject({ kind: 'offline', body: 'while you were away' });
  });

  it('lists the online users', async () => {
    const [alice, bob] = await pair();
    const page = await alice.client.onlineUsers('0', 1000);
    expect(page.users.map((u) => u.userId)).toEqual(expect.arrayContaining([alice.userId, bob.userId]));
  });

  it('rejects a message to an unknown user with a typed server error', async () => {
    const alice = await user('alice');
    const error = await alice.client.sendPrivate('999999999', 'anyone?').catch((e: Error) => e);
    expect(error).toBeInstanceOf(CimServerError);
    expect((error as CimServerError).code).toBe(ErrorCode.UnknownReceiver);
    expect(alice.client.state).toBe('ready');
  });

  it('reports a duplicate login and a wrong password as typed errors', async () => {
    const alice = await user('alice');
    const name = alice.client.session!.name;
    const again = new CimClient({ gatewayUrl: cluster.gatewayUrl, name, password: PASSWORD });
    await expect(again.start()).rejects.toBeInstanceOf(DuplicateLoginError);
    const wrong = new CimClient({ gatewayUrl: cluster.gatewayUrl, name, password: 'not the password' });
    await expect(wrong.start()).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(wrong.state).toBe('failed');
    await Promise.all([again.close(), wrong.close()]);
  });

  it('logs out on close: the user is offline and can log in again at once', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    await bob.client.close();
    const page = await alice.client.onlineUsers('0', 1000);
    expect(page.users.map((u) => u.userId)).not.toContain(bob.userId);
    const back = new CimClient({ gatewayUrl: cluster.gatewayUrl, userId: bob.userId, password: PASSWORD });
    await back.start();
    await back.close();
  });

  // Last: it leaves the cluster with one im-server.
  it('moves a client whose im-server is killed to the other one, where it keeps receiving', async () => {
    const options = { loginRetries: 12, backoff: { initialDelayMs: 200, maxDelayMs: 1500 } };
    const [victim, survivor] = await pair(options);
    const killed = cluster.servers.findIndex((s) => s.label === victim.serverId);
    await cluster.servers[killed].stop('SIGKILL');

    const sentMeanwhile = victim.client.sendGroup('sent while moving');
    await eventually(() => expect(victim.client.state).toBe('ready'), 30_000);
    expect(victim.serverId).toBe(survivor.serverId);
    expect(victim.states).toEqual(['ready', 'reconnecting', 'ready']);
    await expect(sentMeanwhile).resolves.toMatchObject({ messageId: expect.any(String) });
    await eventually(() => expect(survivor.bodies()).toEqual(['sent while moving']));

    await survivor.client.sendPrivate(victim.userId, 'still there?');
    await survivor.client.sendGroup('and the group?');
    await eventually(() => expect(victim.bodies()).toEqual(['still there?', 'and the group?']));
  }, 60_000);
});
