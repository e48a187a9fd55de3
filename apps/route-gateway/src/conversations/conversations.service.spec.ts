import { ConversationAccess } from './conversation-access';
import { ConversationsService } from './conversations.service';
import { createGatewayFixture } from '../testing/gateway-fixture';

async function setUp() {
  const f = await createGatewayFixture();
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((n) => f.createUser(n)));
  const conversations = new ConversationsService(f.store, f.groupStore, new ConversationAccess(f.groupStore));
  const group = await f.groups.create(alice, 'club', [bob]);
  const sender = (id: string, name: string) => ({ id, name });
  return { f, alice, bob, carol, conversations, groupId: group.id, sender };
}

const status = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (e: { getStatus(): number; message: string }) => `${e.getStatus()} ${e.message}`,
  );

describe('ConversationsService', () => {
  it('pages a private conversation by seq for either of the pair, and refuses anyone else', async () => {
    const { f, alice, bob, carol, conversations, sender } = await setUp();
    for (const body of ['one', 'two', 'three'])
      await f.messages.sendPrivate(sender(alice, 'alice'), bob, body);
    const id = BigInt(alice) < BigInt(bob) ? `p:${alice}:${bob}` : `p:${bob}:${alice}`;
    const page = await conversations.page(bob, id, { after: 1, limit: 10 });
    expect(page.messages.map((m) => [m.seq, m.body])).toEqual([
      [2, 'two'],
      [3, 'three'],
    ]);
    expect(page.lastSeq).toBe(3);
    expect((await conversations.page(alice, id, { before: 3, limit: 1 })).messages[0].body).toBe('two');
    expect(await status(conversations.page(carol, id, { limit: 10 }))).toBe(
      `403 you are not part of conversation ${id}`,
    );
  });

  it("lets only a group's members read its history", async () => {
    const { alice, bob, carol, conversations, groupId } = await setUp();
    expect((await conversations.page(bob, `g:${groupId}`, { limit: 10 })).lastSeq).toBe(0);
    expect(await status(conversations.page(carol, `g:${groupId}`, { limit: 10 }))).toBe(
      `403 you are not part of conversation g:${groupId}`,
    );
    expect(await status(conversations.page(alice, 'g:999', { limit: 10 }))).toMatch(/^403 /);
  });

  it('lists the lobby, the groups and the private pairs, the most recently active first', async () => {
    const { f, alice, bob, carol, conversations, groupId, sender } = await setUp();
    await f.messages.sendPrivate(sender(carol, 'carol'), alice, 'hi alice');
    f.time.now += 1000;
    await f.messages.sendPrivate(sender(bob, 'bob'), alice, 'hi again');
    const list = await conversations.list(alice);
    expect(list.map((c) => [c.conversation, c.lastSeq, c.lastMessage?.body ?? null])).toEqual([
      [`p:${alice}:${bob}`, 1, 'hi again'],
      [`p:${alice}:${carol}`, 1, 'hi alice'],
      ['group', 0, null],
      [`g:${groupId}`, 0, null],
    ]);
    expect((await conversations.list(carol)).map((c) => c.conversation)).toEqual([
      `p:${alice}:${carol}`,
      'group',
    ]);
  });
});
