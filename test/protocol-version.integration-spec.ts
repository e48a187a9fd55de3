import { ErrorCode, PROTOCOL_VERSION } from '@cim/protocol';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { RawClient } from './harness/raw-client';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/** LOGIN names the protocol version the client speaks; the im-server refuses one it does not speak. */
describe('protocol versions at LOGIN', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 1 });
  });
  afterAll(() => cluster?.stop());

  async function loggedInOverHttp(): Promise<ChatUser> {
    const user = await ChatUser.registered(cluster.gatewayUrl, unique('vera'));
    const answer = await user.httpLogin();
    expect(answer.status).toBe(200);
    user.login = answer.body;
    return user;
  }

  async function login(user: ChatUser, protocolVersion?: number): Promise<RawClient> {
    const client = await RawClient.connect(user.login!.server.port, user.login!.server.host);
    client.send({ requestId: 7, login: { userId: user.userId, token: user.token, protocolVersion } });
    return client;
  }

  it('refuses a client too new with an ERROR naming both versions, then closes', async () => {
    const user = await loggedInOverHttp();
    const tooNew = await login(user, PROTOCOL_VERSION + 1);
    const answer = await tooNew.next('error');
    expect(answer.requestId).toBe(7);
    expect(answer.error).toMatchObject({
      code: ErrorCode.UnsupportedProtocolVersion,
      answers: 'login',
      text: `the client speaks protocol version ${PROTOCOL_VERSION + 1}, too new for this server, which speaks protocol version ${PROTOCOL_VERSION}`,
    });
    await tooNew.waitClosed();
    expect(tooNew.frames.some((f) => f.loginAck)).toBe(false);

    const current = await login(user, PROTOCOL_VERSION);
    expect((await current.next('loginAck')).loginAck!.userId).toBe(user.userId);
    current.socket.destroy();
  });

  it('accepts a LOGIN without a version as version 1', async () => {
    const user = await loggedInOverHttp();
    const legacy = await login(user);
    expect((await legacy.next('loginAck')).loginAck!.userId).toBe(user.userId);
    legacy.socket.destroy();
  });
});
