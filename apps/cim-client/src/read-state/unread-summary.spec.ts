import { conversationOf } from './conversation-of';
import { unreadSummary } from './unread-summary';

describe('unreadSummary', () => {
  const names = (id: string) => ({ '10003': 'carol' })[id] ?? id;

  it('names each conversation with unread messages: a peer by name, a group by id, the lobby', () => {
    const line = unreadSummary(
      [
        { conversation: 'p:10001:10002', unread: 3, lastMessage: { senderId: '10002', senderName: 'bob' } },
        { conversation: 'p:10001:10003', unread: 1, lastMessage: { senderId: '10001', senderName: 'me' } },
        { conversation: 'g:7', unread: 2, lastMessage: null },
        { conversation: 'group', unread: 1, lastMessage: null },
        { conversation: 'g:8', unread: 0, lastMessage: null },
      ],
      '10001',
      names,
    );
    expect(line).toBe('unread: 3 from bob (10002), 1 from carol (10003), 2 in #7, 1 in the lobby');
  });

  it('says so when nothing is unread', () => {
    expect(unreadSummary([{ conversation: 'group', unread: 0, lastMessage: null }], '1', names)).toBe(
      'no unread messages',
    );
  });
});

describe('conversationOf', () => {
  const message = { messageId: 'm', seq: 1, receiverId: '', body: '', sentAt: 0, senderName: 'x' };

  it('finds the pair, the group or the lobby a message belongs to, and none for a system message', () => {
    expect(conversationOf({ ...message, senderId: '10010', kind: 'private' }, '9')).toBe('p:9:10010');
    expect(conversationOf({ ...message, senderId: '10010', kind: 'offline' }, '10011')).toBe('p:10010:10011');
    expect(conversationOf({ ...message, senderId: '2', kind: 'group', groupId: '7' }, '1')).toBe('g:7');
    expect(conversationOf({ ...message, senderId: '2', kind: 'group' }, '1')).toBe('group');
    expect(conversationOf({ ...message, senderId: '', kind: 'system' }, '1')).toBeUndefined();
  });
});
