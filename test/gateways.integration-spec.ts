import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { metricValue, scrape } from './harness/prometheus';

/**
 * Several route-gateways: they register in ZooKeeper, every im-server calls all of them, and losing
 * one does not stop the chat (the im-servers make a failed call again on another gateway).
 */
describe('im-servers spread their calls over every registered route-gateway', () => {
  let cluster: Cluster;
  let alice: ChatUser;
  let bob: ChatUser;
  let sent = 0;
  const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2, gateways: 2 });
    alice = await ChatUser.online(cluster.gatewayUrl, unique('alice'));
    bob = await ChatUser.online(cluster.gatewayUrl, unique('bob'));
  });

  afterAll(() => cluster?.stop());

  /** SENDs over alice's connection, one at a time, each acknowledged and then received by bob. */
  async function chat(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const clientMsgId = `m-${++sent}`;
      alice.client!.send({
        requestId: sent,
        send: { clientMsgId, receiverId: bob.userId, body: clientMsgId },
      });
      const ack = await alice.client!.next('sendAck', (f) => f.sendAck!.clientMsgId === clientMsgId, 15000);
      const messageId = ack.sendAck!.messageId;
      await bob.client!.until(
        () => bob.client!.messages().some((m) => m.messageId === messageId),
        15000,
        `bob to receive ${clientMsgId}`,
      );
    }
  }

  /** Private messages a gateway routed, from /metrics on its internal port. */
  async function routedBy(url: string): Promise<number> {
    return metricValue(await scrape(url), 'cim_messages_in_total', { kind: 'private' });
  }

  it('hands SENDs to both gateways', async () => {
    await chat(30);
    const [first, second] = await Promise.all(cluster.gatewayInternalUrls.map(routedBy));
    expect(first + second).toBe(30);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
  });

  it('keeps the chat going when a gateway is killed, and uses a gateway that joins', async () => {
    await cluster.gateways[1].stop('SIGKILL');
    await chat(10);
    expect(alice.client!.closed).toBe(false);
    expect(bob.client!.closed).toBe(false);
    const third = await cluster.addGateway();
    expect(third.label).toBe('gw-3');
    const before = await routedBy(cluster.gatewayInternalUrls[2]);
    await poll(async () => {
      await chat(5);
      return (await routedBy(cluster.gatewayInternalUrls[2])) > before;
    }, 'the new gateway to be called');
  });

  it('counts a message exactly once per receiver however the calls were spread', () => {
    const ids = bob.client!.messages().map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(40);
  });
});

async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 30000): Promise<void> {
  await eventually(async () => expect({ [what]: await check() }).toEqual({ [what]: true }), timeoutMs);
}
