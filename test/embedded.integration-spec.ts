import { MessageKind } from '@cim/protocol';
import { AppProcess } from './harness/app-process';
import { ChatUser } from './harness/chat-user';
import { freePort } from '@cim/local-cluster';

/** `npm start`: the route-gateway and one im-server in one process, on the in-memory store and registry. */
describe('the embedded all-in-one process', () => {
  let process_: AppProcess;
  let url: string;

  beforeAll(async () => {
    const [http, rpc, client, imRpc, imHttp] = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
    url = `http://127.0.0.1:${http}`;
    const env = {
      CIM_GATEWAY_HTTP_PORT: String(http),
      CIM_GATEWAY_RPC_PORT: String(rpc),
      CIM_IM_CLIENT_PORT: String(client),
      CIM_IM_RPC_PORT: String(imRpc),
      CIM_IM_HTTP_PORT: String(imHttp),
      CIM_SERVER_ID: 'embedded-1',
    };
    process_ = new AppProcess('embedded', 'embedded', env, `http://127.0.0.1:${imHttp}/ready`);
    await process_.start();
  });

  afterAll(() => process_?.stop());

  it('runs with nothing installed: register, login, chat, offline inbox', async () => {
    const alice = await ChatUser.online(url, 'alice');
    const bob = await ChatUser.online(url, 'bob');
    expect(alice.serverId).toBe('embedded-1');
    await alice.sendGroup('hello from the embedded mode');
    const group = await bob.client!.next('messages');
    expect(group.messages!.messages[0]).toMatchObject({
      kind: MessageKind.Group,
      body: 'hello from the embedded mode',
    });
    const carol = await ChatUser.registered(url, 'carol');
    await bob.sendPrivate(carol.userId, 'while you were away');
    const client = await carol.connect();
    const inbox = await client.next('messages');
    expect(inbox.messages!.messages[0]).toMatchObject({
      kind: MessageKind.Offline,
      body: 'while you were away',
    });
  });

  it('stops cleanly on SIGTERM', async () => {
    expect([0, -1]).toContain(await process_.stop('SIGTERM'));
  });
});
