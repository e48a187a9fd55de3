import { ReceivedMessage } from '@cim/client-sdk';
import { NameBook } from '../printer/name-book';
import { ReadReceipts } from './read-receipts';

describe('ReadReceipts', () => {
  const me = '10001';
  const message = (seq: number, senderId: string, groupId?: string): ReceivedMessage => ({
    messageId: `m${seq}`,
    conversation: groupId ? `g:${groupId}` : `p:${me}:${senderId}`,
    seq,
    senderId,
    senderName: 'someone',
    receiverId: groupId ? '' : me,
    kind: groupId ? 'group' : 'offline',
    body: 'text',
    sentAt: 0,
    ...(groupId ? { groupId } : {}),
  });
  let lines: string[];
  let client: {
    state: 'ready';
    session: { userId: string };
    gatewayUrl: string;
    accessToken: string;
    markRead: jest.Mock;
  };
  let receipts: ReadReceipts;

  beforeEach(() => {
    lines = [];
    client = {
      state: 'ready',
      session: { userId: me },
      gatewayUrl: 'http://127.0.0.1:8080',
      accessToken: 'token',
      markRead: jest.fn(async (_conversation: string, seq: number) => seq),
    };
    receipts = new ReadReceipts(client as never, new NameBook(), (line) => lines.push(line));
    const conversations = [{ conversation: `p:${me}:10002`, unread: 2, lastMessage: null }];
    jest.spyOn(global, 'fetch').mockResolvedValue(new Response(JSON.stringify({ conversations })));
  });
  afterEach(() => jest.restoreAllMocks());

  it('marks what came with the login once per conversation, up to its last message, after the counts', async () => {
    receipts.shown(message(1, '10002'));
    receipts.shown(message(2, '10002'));
    receipts.shown(message(5, '10003', '7'));
    expect(client.markRead).not.toHaveBeenCalled();

    await receipts.showUnread();
    expect(lines).toEqual(['*** unread: 2 from 10002 (10002)']);
    // One mark per conversation: the peer gets one receipt, not one per message shown.
    expect(client.markRead.mock.calls).toEqual([
      [`p:${me}:10002`, 2],
      ['g:7', 5],
    ]);
  });

  it('marks a message shown after the counts at once, and says when a private peer has read', async () => {
    await receipts.showUnread();
    receipts.shown(message(3, '10002'));
    expect(client.markRead).toHaveBeenLastCalledWith(`p:${me}:10002`, 3);
    await receipts.read({ conversation: `p:${me}:10002`, userId: '10002', seq: 3 });
    await receipts.read({ conversation: `p:${me}:10002`, userId: me, seq: 3 });
    expect(lines.slice(1)).toEqual(['*** 10002 has read your messages (up to seq 3)']);
  });

  it('prints a receipt that overtook the SEND_ACK of a private message below that message', async () => {
    await receipts.showUnread();
    let acknowledged!: () => void;
    const send = new Promise<void>((resolve) => (acknowledged = resolve)).then(
      () => void lines.push('[12:00:00] you → 10002 (private): see you'),
    );
    receipts.sending(send);
    const told = receipts.read({ conversation: `p:${me}:10002`, userId: '10002', seq: 4 });
    await Promise.resolve();
    expect(lines.slice(1)).toEqual([]);
    acknowledged();
    await told;
    expect(lines.slice(1)).toEqual([
      '[12:00:00] you → 10002 (private): see you',
      '*** 10002 has read your messages (up to seq 4)',
    ]);
  });
});
