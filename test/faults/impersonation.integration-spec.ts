import { createHmac } from 'node:crypto';
import { ErrorCode } from '@cim/protocol';
import { ChatUser } from '../harness/chat-user';
import { Cluster } from '../harness/cluster';
import { http } from '../harness/http';
import { RawClient } from '../harness/raw-client';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/** Mallory knows Alice's user id, but not her password or token. */
describe('fault: impersonation', () => {
  let cluster: Cluster;
  let alice: ChatUser;
  let bob: ChatUser;
  let mallory: ChatUser;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    alice = await ChatUser.registered(cluster.gatewayUrl, unique('alice'));
    bob = await ChatUser.online(cluster.gatewayUrl, unique('bob'));
    mallory = await ChatUser.online(cluster.gatewayUrl, unique('mallory'));
  });

  afterAll(() => cluster?.stop());

  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
  const forge = (claims: object, secret = 'guessed-secret') => {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
  };

  it('cannot log in with her user id and a wrong password', async () => {
    for (const password of ['', 'password', 'correct horse battery ', alice.userId]) {
      const answer = await http('POST', `${cluster.gatewayUrl}/api/login`, {
        userId: alice.userId,
        password,
      });
      expect([400, 401]).toContain(answer.status);
    }
  });

  async function refusedLogin(userId: string, token: string, port: number): Promise<void> {
    const client = await RawClient.connect(port);
    client.send({ login: { userId, token } });
    const error = await client.next('error');
    expect(error.error!.code).toBe(ErrorCode.InvalidToken);
    await client.waitClosed();
  }

  it('cannot LOGIN on a connection with her id and his own token', async () => {
    await refusedLogin(alice.userId, mallory.token, mallory.login!.server.port);
  });

  it('cannot LOGIN with a token whose claims he rewrote', async () => {
    const claims = { ...claimsOf(mallory.token), sub: alice.userId, name: alice.name };
    const resigned = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mallory.token.split('.')[1]}`;
    await refusedLogin(alice.userId, resigned, mallory.login!.server.port);
    await refusedLogin(alice.userId, forge(claims), mallory.login!.server.port);
  });

  it('cannot use his token on another im-server', async () => {
    const other = cluster.servers
      .map((_, i) => cluster.clientPort(i + 1))
      .find((p) => p !== mallory.login!.server.port)!;
    await refusedLogin(mallory.userId, mallory.token, other);
  });

  it('cannot send as her over HTTP, with his token or a forged one', async () => {
    const asAlice = { userId: alice.userId, receiverId: bob.userId, body: 'it is me, alice' };
    const withOwn = await http('POST', `${cluster.gatewayUrl}/api/messages/private`, asAlice, mallory.token);
    expect(withOwn.status).toBe(403);
    const forged = forge({ ...claimsOf(mallory.token), sub: alice.userId });
    const withForged = await http('POST', `${cluster.gatewayUrl}/api/messages/private`, asAlice, forged);
    expect(withForged.status).toBe(401);
    const toAll = { userId: alice.userId, body: 'it is me, alice' };
    const group = await http('POST', `${cluster.gatewayUrl}/api/messages/group`, toAll, mallory.token);
    expect(group.status).toBe(403);
  });

  it('sends only as himself over his connection, and bob sees who sent it', async () => {
    mallory.client!.send({
      send: { clientMsgId: 'm-1', receiverId: bob.userId, body: 'from alice, honestly' },
    });
    const received = await bob.client!.next('messages');
    expect(received.messages!.messages[0]).toMatchObject({
      senderId: mallory.userId,
      senderName: mallory.name,
    });
    expect(bob.client!.messages().some((m) => m.senderId === alice.userId)).toBe(false);
  });

  it('cannot reuse a token after its session ended', async () => {
    const victim = await ChatUser.online(cluster.gatewayUrl, unique('victim'));
    const stolen = victim.token;
    await victim.logout();
    const answer = await http('GET', `${cluster.gatewayUrl}/api/online-users`, undefined, stolen);
    expect(answer.status).toBe(401);
    await refusedLogin(victim.userId, stolen, victim.login!.server.port);
  });
});
