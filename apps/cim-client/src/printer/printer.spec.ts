import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../history/history-store';
import { NameBook } from './name-book';
import { Printer } from './printer';

describe('Printer', () => {
  let dir: string;
  let lines: string[];
  let history: HistoryStore;
  let printer: Printer;
  const at = new Date(2024, 0, 2, 3, 4, 5).getTime();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cim-printer-'));
    lines = [];
    history = new HistoryStore(dir, 'alice');
    printer = new Printer({ print: (l) => lines.push(l) }, history, new NameBook(), () => ({
      userId: '10001',
      name: 'alice',
    }));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prints a received message and keeps it in the history', async () => {
    await printer.onMessage({
      messageId: 'm1',
      seq: 1,
      senderId: '10002',
      senderName: 'bob',
      receiverId: '10001',
      kind: 'private',
      body: 'hi alice',
      sentAt: at,
    });
    expect(lines).toEqual(['[03:04:05] bob → you (private): hi alice']);
    expect(await history.search('hi alice')).toMatchObject([{ direction: 'in', senderName: 'bob' }]);
  });

  it('prints a sent message with the receiver’s name once it is known', async () => {
    await printer.onMessage({
      messageId: 'm1',
      seq: 1,
      senderId: '10002',
      senderName: 'bob',
      receiverId: '',
      kind: 'group',
      body: 'hello',
      sentAt: at,
    });
    await printer.sent(
      { clientMsgId: 'c', messageId: 'm2', sentAt: at, duplicate: false },
      'hey bob',
      '10002',
    );
    await printer.sent({ clientMsgId: 'd', messageId: 'm3', sentAt: at, duplicate: false }, 'hey all');
    expect(lines.slice(1)).toEqual([
      '[03:04:05] you → bob (private): hey bob',
      '[03:04:05] you (group): hey all',
    ]);
    expect(await history.search('hey')).toMatchObject([
      { direction: 'out', receiverName: 'bob', senderName: 'alice' },
      { direction: 'out', kind: 'group' },
    ]);
  });

  it('prints what the user sent from another device as theirs', async () => {
    await printer.onMessage({
      messageId: 'm1',
      seq: 1,
      senderId: '10001',
      senderName: 'alice',
      receiverId: '10002',
      kind: 'private',
      body: 'sent from my phone',
      sentAt: at,
      senderDeviceId: 'phone',
    });
    expect(lines).toEqual(['[03:04:05] you → 10002 (private): sent from my phone']);
    expect(await history.search('phone')).toMatchObject([{ direction: 'out', receiverId: '10002' }]);
  });
});
