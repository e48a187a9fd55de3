import { Cluster } from '../harness/cluster';
import { expectedIn, KeptMessage, pairOf, readHistory, receivedIn } from '../harness/conversation-check';
import { eventually } from '../harness/eventually';
import { http } from '../harness/http';
import { inBatches, SdkUser } from '../harness/sdk-user';

const CLIENTS = 200;
const GROUP_SIZE = 10;
/** Each user's messages: in turn to the next user, to the previous one and to their group. */
const MESSAGES_EACH = 12;
const IN_FLIGHT = 2;
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * 200 SDK clients on two im-servers exchange private messages (each with both neighbours of a ring) and
 * group messages (groups of ten) while one im-server is killed with SIGKILL half way. Every listener sees
 * each of its conversations as the history keeps it: every message from someone else, in seq order,
 * once, and none of its own — the messages that were on their way to the dead server's clients come to
 * them by sync (group messages) or from the ledger (private ones) once they are back on the other server.
 */
describe('fault: an im-server killed while 200 clients talk in pairs and groups', () => {
  let cluster: Cluster;
  let users: SdkUser[];
  let groupIds: string[];
  const sentIds = new Map<SdkUser, Set<string>>();

  const next = (i: number) => users[(i + 1) % CLIENTS];
  const previous = (i: number) => users[(i + CLIENTS - 1) % CLIENTS];
  const groupOf = (i: number) => groupIds[Math.floor(i / GROUP_SIZE)];
  /** The conversations user i is part of: both ring pairs and the group. */
  const conversationsOf = (i: number) => [
    pairOf(users[i].userId, next(i).userId),
    pairOf(users[i].userId, previous(i).userId),
    `g:${groupOf(i)}`,
  ];

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    users = Array.from(
      { length: CLIENTS },
      (_, i) => new SdkUser(cluster.gatewayUrl, unique(`c${i}`), { loginRetries: 30 }),
    );
    await inBatches(users, 20, (user) => user.online().then(() => undefined));
    for (const user of users) sentIds.set(user, new Set());
    groupIds = [];
    for (let first = 0; first < CLIENTS; first += GROUP_SIZE) {
      const members = users.slice(first + 1, first + GROUP_SIZE).map((u) => u.userId);
      const created = await http<{ id: string }>(
        'POST',
        `${cluster.gatewayUrl}/api/groups`,
        { name: `g${first}`, memberIds: members },
        users[first].client.accessToken,
      );
      expect(created.status).toBe(201);
      groupIds.push(created.body.id);
    }
    await greet();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await cluster?.stop();
  });

  async function send(user: SdkUser, sending: Promise<{ messageId: string }>): Promise<void> {
    sentIds.get(user)!.add((await sending).messageId);
  }

  /**
   * One message at a time in each new conversation until each member has met it: a client starts a
   * conversation it did not list at login at the first message it gets (docs/protocol.md).
   */
  async function greet(): Promise<void> {
    const got = (user: SdkUser, body: string) => user.bodies().includes(body);
    await inBatches(users, 50, (user, i) => send(user, user.client.sendPrivate(next(i).userId, `hi ${i}`)));
    await eventually(
      () => expect(users.filter((u, i) => !got(u, `hi ${(i + CLIENTS - 1) % CLIENTS}`))).toEqual([]),
      30_000,
    );
    await inBatches(users, 50, (user, i) =>
      send(user, user.client.sendPrivate(previous(i).userId, `back ${i}`)),
    );
    await eventually(
      () => expect(users.filter((u, i) => !got(u, `back ${(i + 1) % CLIENTS}`))).toEqual([]),
      30_000,
    );
    for (const step of [0, 1]) {
      await Promise.all(
        groupIds.map((groupId, g) =>
          send(
            users[g * GROUP_SIZE + step],
            users[g * GROUP_SIZE + step].client.sendToGroup(groupId, `hello ${g}:${step}`),
          ),
        ),
      );
      await eventually(
        () =>
          expect(
            users.filter(
              (u, i) => i % GROUP_SIZE !== step && !got(u, `hello ${Math.floor(i / GROUP_SIZE)}:${step}`),
            ),
          ).toEqual([]),
        30_000,
      );
    }
  }

  /** Where a listener differs from its conversations' histories, one line each. */
  function mismatches(histories: Map<string, KeptMessage[]>): string[] {
    return users.flatMap((user, i) =>
      conversationsOf(i).flatMap((conversation) => {
        const got = receivedIn(user, conversation);
        const want = expectedIn(user, histories.get(conversation)!);
        if (got.join() === want.join()) return [];
        const at = want.findIndex((id, k) => got[k] !== id);
        return [
          `${user.name} (${user.client.state}) ${conversation}: got ${got.length} of ${want.length}, first difference at ${at}`,
        ];
      }),
    );
  }

  async function readHistories(): Promise<Map<string, KeptMessage[]>> {
    const histories = new Map<string, KeptMessage[]>();
    await inBatches(users, 20, async (user, i) => {
      for (const conversation of conversationsOf(i)) {
        if (histories.has(conversation)) continue;
        histories.set(
          conversation,
          await readHistory(cluster.gatewayUrl, user.client.accessToken!, conversation),
        );
      }
    });
    return histories;
  }

  it('hands every listener each conversation in seq order, gap-free, each message once', async () => {
    const victims = users.filter((u) => u.serverId === 'im-1');
    expect(victims.length).toBeGreaterThan(CLIENTS / 4);
    const refused: string[] = [];
    let sent = 0;
    let killed = false;
    const sender = async (user: SdkUser, i: number) => {
      let k = 0;
      const lane = async () => {
        while (k < MESSAGES_EACH) {
          const n = k++;
          const body = `${user.name}:${n}`;
          const sending =
            n % 3 === 0
              ? user.client.sendPrivate(next(i).userId, body)
              : n % 3 === 1
                ? user.client.sendPrivate(previous(i).userId, body)
                : user.client.sendToGroup(groupOf(i), body);
          await send(user, sending).catch((error: Error) => refused.push(`${body}: ${error.message}`));
          if (++sent >= (CLIENTS * MESSAGES_EACH) / 2 && !killed) {
            killed = true;
            await cluster.servers[0].stop('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    };
    await Promise.all(users.map(sender));
    expect(killed).toBe(true);
    expect(refused).toEqual([]);

    const histories = await readHistories();
    const total = [...histories.values()].reduce((n, kept) => n + kept.length, 0);
    expect(total).toBe(CLIENTS * (MESSAGES_EACH + 2) + groupIds.length * 2);
    await eventually(() => expect(mismatches(histories)).toEqual([]), 60_000, 500);

    // One more message in each conversation, once all else arrived: a late copy of anything would have come by then.
    await Promise.all([
      ...users.map((user, i) => send(user, user.client.sendPrivate(next(i).userId, `${user.name}:marker`))),
      ...groupIds.map((groupId, g) =>
        send(users[g * GROUP_SIZE], users[g * GROUP_SIZE].client.sendToGroup(groupId, `marker ${g}`)),
      ),
    ]);
    const after = await readHistories();
    await eventually(() => expect(mismatches(after)).toEqual([]), 30_000, 500);
    const ownHanded = users.flatMap((user) =>
      user.messages.filter((m) => sentIds.get(user)!.has(m.messageId)),
    );
    expect(ownHanded).toEqual([]);
    for (const victim of victims) {
      expect(victim.client.state).toBe('ready');
      expect(victim.serverId).toBe('im-2');
    }
    const handed = users.reduce((n, user) => n + user.messages.length, 0);
    console.log(
      `after SIGKILL of im-1: ${victims.length} clients moved, ${handed} messages handed to listeners in order`,
    );
  }, 180_000);
});
