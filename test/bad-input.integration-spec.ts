import { encodeFrame, ErrorCode } from '@cim/protocol';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { http } from './harness/http';
import { RawClient } from './harness/raw-client';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/** Bad frames and bad bodies: each gets a clear error, closes only its own connection, and never a 500. */
describe('bad input', () => {
  let cluster: Cluster;
  let url: string;
  let alice: ChatUser;
  let bob: ChatUser;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 1 });
    url = cluster.gatewayUrl;
    alice = await ChatUser.online(url, unique('alice'));
    bob = await ChatUser.online(url, unique('bob'));
  });

  afterAll(() => cluster?.stop());

  /** The bystanders still chat through the same server. */
  async function othersKeepWorking(): Promise<void> {
    const body = `still here ${Math.random()}`;
    alice.client!.send({ send: { clientMsgId: unique('c'), receiverId: bob.userId, body } });
    await bob.client!.until(() => bob.client!.messages().some((m) => m.body === body), 5000, 'a message');
  }

  async function expectErrorAndClose(client: RawClient, code: ErrorCode): Promise<void> {
    const error = await client.next('error');
    expect(error.error!.code).toBe(code);
    expect(error.error!.text.length).toBeGreaterThan(5);
    await client.waitClosed();
    await othersKeepWorking();
  }

  it('answers a wrong token with ERROR and closes', async () => {
    const client = await RawClient.connect(cluster.clientPort(1));
    client.send({ login: { userId: alice.userId, token: `${alice.token}x` } });
    await expectErrorAndClose(client, ErrorCode.InvalidToken);
  });

  it("refuses another user's token", async () => {
    const client = await RawClient.connect(cluster.clientPort(1));
    client.send({ login: { userId: bob.userId, token: alice.token } });
    await expectErrorAndClose(client, ErrorCode.InvalidToken);
  });

  it('answers a frame before LOGIN with ERROR and closes', async () => {
    const client = await RawClient.connect(cluster.clientPort(1));
    client.send({ ping: {} });
    await expectErrorAndClose(client, ErrorCode.NotLoggedIn);
  });

  it('answers a garbage frame with ERROR and closes', async () => {
    const client = await RawClient.connect(cluster.clientPort(1));
    client.writeRaw(Buffer.from([6, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa]));
    await expectErrorAndClose(client, ErrorCode.MalformedFrame);
  });

  it('answers an oversize frame with ERROR and closes', async () => {
    const client = await RawClient.connect(cluster.clientPort(1));
    const big = encodeFrame({ send: { clientMsgId: 'big', group: true, body: 'x'.repeat(70 * 1024) } });
    client.writeRaw(big.subarray(0, 1024));
    await expectErrorAndClose(client, ErrorCode.FrameTooLarge);
  });

  const endpoints: [string, string][] = [
    ['POST', '/api/users'],
    ['POST', '/api/login'],
    ['POST', '/api/messages/group'],
    ['POST', '/api/messages/private'],
  ];

  it.each(endpoints)('answers %s %s with 400 naming the failing fields', async (method, path) => {
    const answer = await http(
      method,
      `${url}${path}`,
      { name: 7, password: [], body: {}, receiverId: {} },
      alice.token,
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/must be|should not|must not/);
  });

  it.each(endpoints)('answers malformed JSON to %s %s with 400', async (method, path) => {
    const answer = await http(method, `${url}${path}`, '{"name": ', alice.token);
    expect(answer.status).toBe(400);
  });

  it('answers chat calls without a valid token with 401, and a sender who is not the token user with 403', async () => {
    const none = await http('POST', `${url}/api/messages/group`, { userId: alice.userId, body: 'x' });
    expect(none.status).toBe(401);
    const forged = await http(
      'POST',
      `${url}/api/messages/group`,
      { userId: bob.userId, body: 'x' },
      alice.token,
    );
    expect(forged.status).toBe(403);
    const online = await http('GET', `${url}/api/online-users?count=100000`, undefined, alice.token);
    expect(online.status).toBe(400);
  });
});
