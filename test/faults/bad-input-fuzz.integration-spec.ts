import { randomBytes } from 'node:crypto';
import { ChatUser } from '../harness/chat-user';
import { Cluster } from '../harness/cluster';
import { http } from '../harness/http';
import { RawClient } from '../harness/raw-client';
import { mutate, seedFrames } from './fuzz-frames';

const TOTAL_FRAMES = 1_000_000;
const FUZZERS = 16;
const FRAMES_PER_WRITE = 200;
/**
 * Shorter than the flood lasts even on an idle machine, so that the idle sweep runs during it: the
 * bystanders, pinging as LOGIN_ACK tells them, must be read in time and stay connected.
 */
const IDLE_TIMEOUT_MS = 15_000;
const HEARTBEAT_INTERVAL_MS = 3_000;
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * A million random and mutated frames over many connections, and malformed bodies to every HTTP
 * endpoint: no process dies, nothing answers 500, and two bystanders keep chatting throughout.
 */
describe('fault: bad input at volume', () => {
  let cluster: Cluster;
  let alice: ChatUser;
  let bob: ChatUser;
  /** Offline: the fuzzers' SENDs that pass go to its inbox. */
  let sink: ChatUser;
  /** Whose token the HTTP garbage carries (logout included), so the bystanders are left alone. */
  let mallory: ChatUser;

  beforeAll(async () => {
    cluster = await Cluster.start({
      servers: 2,
      gatewayEnv: { CIM_LOGIN_POLICY: 'kick' },
      serverEnv: {
        CIM_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
        CIM_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_INTERVAL_MS),
      },
    });
    alice = await ChatUser.registered(cluster.gatewayUrl, unique('alice'));
    bob = await ChatUser.registered(cluster.gatewayUrl, unique('bob'));
    sink = await ChatUser.registered(cluster.gatewayUrl, unique('sink'));
    mallory = await ChatUser.registered(cluster.gatewayUrl, unique('mallory'));
    await Promise.all([alice, bob, mallory].map(online));
  }, 120_000);

  afterAll(() => cluster?.stop());

  /**
   * The user's connection, opened anew if there is none or it was closed. Like a real client it pings at
   * the interval its LOGIN_ACK names: a connection that says nothing is closed as idle.
   */
  async function online(user: ChatUser): Promise<RawClient> {
    if (user.client && !user.client.closed) return user.client;
    const client = await user.connect();
    client.keepAlive(client.frames.find((f) => f.loginAck)!.loginAck!.heartbeatIntervalMs);
    return client;
  }

  /** Sends mutated frames from one fuzzing user until the shared budget is spent; logs in again after each close. */
  async function fuzz(user: ChatUser, budget: { left: number; sent: number; connections: number }) {
    const seeds = seedFrames(sink.userId);
    while (budget.left > 0) {
      const client = await user.connect();
      budget.connections++;
      while (budget.left > 0 && !client.closed) {
        const batch: Buffer[] = [];
        for (let i = 0; i < FRAMES_PER_WRITE && budget.left > 0; i++, budget.left--)
          batch.push(mutate(seeds));
        budget.sent += batch.length;
        if (!client.socket.write(Buffer.concat(batch))) {
          await new Promise((r) => {
            client.socket.once('drain', r);
            client.socket.once('close', r);
          });
        }
        client.frames.length = 0;
        await new Promise((r) => setImmediate(r));
      }
      client.close();
    }
  }

  async function bystandersChat(rounds: number): Promise<number> {
    let received = 0;
    for (let i = 0; i < rounds; i++) {
      const body = `bystander ${i} ${Math.random()}`;
      alice.client!.send({ send: { clientMsgId: unique('b'), receiverId: bob.userId, body } });
      await bob.client!.until(
        () => bob.client!.messages().some((m) => m.body === body),
        10000,
        `message ${i}`,
      );
      received++;
      await new Promise((r) => setTimeout(r, 50));
    }
    return received;
  }

  it(`survives ${TOTAL_FRAMES.toLocaleString('en')} random and mutated frames while others chat`, async () => {
    const fuzzers = await Promise.all(
      Array.from({ length: FUZZERS }, (_, i) => ChatUser.registered(cluster.gatewayUrl, unique(`fz${i}`))),
    );
    const budget = { left: TOTAL_FRAMES, sent: 0, connections: 0 };
    const chatting = bystandersChat(40);
    const raw = Array.from({ length: 50 }, async () => {
      const client = await RawClient.connect(cluster.clientPort(1 + (Math.random() < 0.5 ? 1 : 0)));
      client.writeRaw(randomBytes(512));
      // Junk that declares a long frame waits for the rest (then the idle sweep); junk that does not is refused at once.
      await new Promise((r) => setTimeout(r, 500));
      client.close();
    });
    await Promise.all([...fuzzers.map((f) => fuzz(f, budget)), ...raw]);
    expect(await chatting).toBe(40);
    expect(budget.sent).toBeGreaterThanOrEqual(TOTAL_FRAMES);
    expect(cluster.servers.every((s) => s.running)).toBe(true);
    expect(cluster.gateway.running).toBe(true);
    expect(alice.client!.closed || bob.client!.closed).toBe(false);
    console.log(`fuzz: ${budget.sent} frames over ${budget.connections} logged-in connections`);
    // A fixed amount of work: on a machine busy with other work it takes a few times longer.
  }, 240_000);

  const garbage: unknown[] = [
    '',
    'null',
    '[]',
    '"text"',
    '{"a":',
    '{}',
    { name: null, password: null },
    { userId: 12, body: 12, receiverId: [] },
    { userId: 'x'.repeat(10000), body: 'y'.repeat(60000) },
    { name: '💥'.repeat(40), password: { $gt: '' } },
    { __proto__: { admin: true }, constructor: { prototype: {} } },
    randomBytes(256).toString('latin1'),
  ];
  const endpoints: [string, string][] = [
    ['POST', '/api/users'],
    ['POST', '/api/login'],
    ['POST', '/api/logout'],
    ['POST', '/api/messages/group'],
    ['POST', '/api/messages/private'],
    ['GET', '/api/online-users?cursor=%00%ff&count=-1'],
    ['GET', '/api/online-users?count=abc'],
  ];

  it.each(endpoints)(
    'answers malformed bodies at %s %s with a 4xx that says why, never a 500',
    async (method, path) => {
      const tokens = {
        none: undefined,
        valid: mallory.token,
        garbage: 'garbage-token',
        forged: `${mallory.token.split('.')[0]}.AAAA`,
      };
      const wrong: unknown[] = [];
      for (const body of garbage) {
        for (const [token, value] of Object.entries(tokens)) {
          const answer = await http(
            method,
            `${cluster.gatewayUrl}${path}`,
            method === 'GET' ? undefined : body,
            value,
          );
          const reasons = [answer.body.message].flat();
          const explained =
            answer.status < 400 ||
            (answer.status < 500 &&
              reasons.length > 0 &&
              reasons.every((reason) => typeof reason === 'string' && reason !== ''));
          if (!explained) wrong.push({ body, token, status: answer.status, answer: answer.body });
        }
      }
      expect(wrong).toEqual([]);
      const probe = `after ${path}`;
      const [, receiver] = await Promise.all([online(alice), online(bob)]);
      await alice.sendPrivate(bob.userId, probe);
      await receiver.until(() => receiver.messages().some((m) => m.body === probe), 5000, 'a message');
    },
  );
});
