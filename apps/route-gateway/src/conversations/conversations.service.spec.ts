import { MemoryReadStateStore } from '@cim/session-store';
import { ConversationAccess } from './conversation-access';
import { ConversationsService } from './conversations.service';
import { createGatewayFixture } from '../testing/gateway-fixture';

async function setUp() {
  const f = await createGatewayFixture();
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((n) => f.createUser(n)));
  const pointers = new MemoryReadStateStore();
  const access = new ConversationAccess(f.groupStore);
  const conversations = new ConversationsService(f.store, f.groupStore, access, pointers);
  const group = await f.groups.create(alice, 'club', [bob]);
  const sender = (id: string, name: string) => ({ id, name });
  return { f, alice, bob, carol, conversations, pointers, groupId: group.id, sender };
}

const pair = (a: string, b: string) => (BigInt(a) < BigInt(b) ? `p:${a}:${b}` : `p:${b}:${a}`);

const status = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (e: { httpStatus: number; message: string }) => `${e.httpStatus} ${e.message}`,
  );

describe('ConversationsService', () => {
  it('pages a private conversation by seq for either of the pair, and refuses anyone else', async () => {
    const { f, alice, bob, carol, conversations, sender } = await setUp();
    for (const body of ['one', 'two', 'three'])
      await f.messages.sendPrivate(sender(alice, 'alice'), bob, body);
    const id = pair(alice, bob);
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
      [pair(alice, bob), 1, 'hi again'],
      [pair(alice, carol), 1, 'hi alice'],
      ['group', 0, null],
      [`g:${groupId}`, 0, null],
    ]);
    expect((await conversations.list(carol)).map((c) => c.conversation)).toEqual([
      pair(alice, carol),
      'group',
    ]);
  });
});

describe('ConversationsService.sync', () => {
  it('answers the messages after the seq in pages, saying whether more follow', async () => {
    const { f, alice, bob, conversations, groupId } = await setUp();
    for (const body of ['1', '2', '3']) {
      await f.messages.send({
        userId: alice,
        sessionId: 's',
        serverId: 'im-1',
        userName: 'alice',
        clientMsgId: `c-${body}`,
        groupId,
        body,
      });
    }
    const conversation = `g:${groupId}`;
    const first = await conversations.sync({ userId: bob, conversation, afterSeq: 0, limit: 2 });
    expect([first.messages.map((m) => m.body), first.lastSeq, first.more]).toEqual([['1', '2'], 3, true]);
    const rest = await conversations.sync({ userId: bob, conversation, afterSeq: 2, limit: 2 });
    expect([rest.messages.map((m) => m.body), rest.more]).toEqual([['3'], false]);
  });
});

describe('ConversationsService.list read counts', () => {
  it("counts what follows the caller's read pointer, and nothing when the newest message is theirs", async () => {
    const { f, alice, bob, conversations, pointers, sender } = await setUp();
    for (const body of ['one', 'two', 'three'])
      await f.messages.sendPrivate(sender(alice, 'alice'), bob, body);
    const id = pair(alice, bob);
    const counts = async (userId: string) => {
      const found = (await conversations.list(userId)).find((c) => c.conversation === id)!;
      return [found.readSeq, found.unread];
    };
    expect(await counts(bob)).toEqual([0, 3]);
    await pointers.markRead({ userId: bob, conversation: id, seq: 2, lastSeq: 3 });
    expect(await counts(bob)).toEqual([2, 1]);
    expect(await counts(alice)).toEqual([0, 0]);
    await f.messages.sendPrivate(sender(bob, 'bob'), alice, 'four');
    expect(await counts(bob)).toEqual([2, 0]);
    expect(await counts(alice)).toEqual([0, 4]);
  });

  it('counts a pointer left from an earlier run of the sequence as none read', async () => {
    const { f, alice, bob, conversations, pointers, sender } = await setUp();
    const id = pair(alice, bob);
    await pointers.markRead({ userId: bob, conversation: id, seq: 9, lastSeq: 9 });
    await f.messages.sendPrivate(sender(alice, 'alice'), bob, 'hello again');
    const found = (await conversations.list(bob)).find((c) => c.conversation === id)!;
    expect([found.readSeq, found.unread]).toEqual([0, 1]);
  });
});
