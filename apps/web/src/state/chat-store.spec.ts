import { ChatStore } from './chat-store';
import { privateConversation } from './conversation-ids';
import { ChatMessage } from './types';

const ME = '10001';
const BOB = '10002';
const pair = privateConversation(ME, BOB);

function message(fields: Partial<ChatMessage>): ChatMessage {
  return {
    messageId: String(Math.random()),
    seq: 1,
    senderId: BOB,
    senderName: 'bob',
    receiverId: ME,
    kind: 'private',
    body: 'hi',
    sentAt: 1000,
    ...fields,
  };
}

describe('the web app state', () => {
  let store: ChatStore;

  beforeEach(() => {
    store = new ChatStore();
    store.signedIn(ME, 'alice');
  });

  it('counts messages of conversations not looked at as unread, and clears them when opened', () => {
    store.received(message({ messageId: '1', seq: 1 }));
    store.received(message({ messageId: '2', seq: 2 }));
    store.received(message({ messageId: '2', seq: 2 })); // delivered twice: shown and counted once
    expect(store.conversation(pair)).toMatchObject({ title: 'bob', unread: 2, lastSeq: 2 });
    expect(store.timeline(pair).messages.map((m) => m.messageId)).toEqual(['1', '2']);
    store.select(pair);
    expect(store.conversation(pair).unread).toBe(0);
    store.received(message({ messageId: '3', seq: 3 }));
    expect(store.conversation(pair).unread).toBe(0);
    store.setWatching(false);
    store.received(message({ messageId: '4', seq: 4 }));
    expect(store.conversation(pair).unread).toBe(1);
  });

  it('keeps a sent message in place by time until history names its seq, then a receipt covers it', () => {
    store.select(pair);
    store.received(message({ messageId: '1', seq: 1, sentAt: 1000, body: 'first' }));
    store.sending(pair, message({ messageId: 'local-1', seq: 0, senderId: ME, sentAt: 1500, body: 'mine' }));
    store.received(message({ messageId: '3', seq: 3, sentAt: 3000, body: 'third' }));
    expect(store.timeline(pair).messages.map((m) => m.body)).toEqual(['first', 'third', 'mine']);
    store.sent(pair, 'local-1', '2', 2000);
    expect(store.timeline(pair).messages.map((m) => m.body)).toEqual(['first', 'mine', 'third']);
    store.page(pair, [message({ messageId: '2', seq: 2, senderId: ME, sentAt: 2000, body: 'mine' })]);
    store.read(pair, BOB, 2);
    expect(store.conversation(pair).peerReadSeq).toBe(2);
    expect(store.timeline(pair).messages.find((m) => m.messageId === '2')?.seq).toBe(2);
  });

  it("takes the server's unread count when it has read state, else counts what the list says is new", () => {
    store.listed([{ conversation: 'g:7', lastSeq: 5 }]);
    store.listed([{ conversation: 'g:7', lastSeq: 8 }]);
    expect(store.conversation('g:7').unread).toBe(3);
    store.sending(
      'g:7',
      message({ messageId: 'local-1', seq: 0, senderId: ME, kind: 'group', groupId: '7' }),
    );
    store.sent('g:7', 'local-1', '100', 2000);
    store.listed([{ conversation: 'g:7', lastSeq: 10 }]); // seq 9: this page's own message
    expect(store.conversation('g:7').unread).toBe(4);
    store.listed([{ conversation: 'g:7', lastSeq: 9, readSeq: 8, unread: 1 }]);
    expect(store.conversation('g:7').unread).toBe(1);
    store.read('g:7', ME, 10); // read on another device
    expect(store.conversation('g:7').unread).toBe(0);
  });
});
