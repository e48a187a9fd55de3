import { HistoryEntry } from '../history/history-entry';
import { formatHistoryHit, formatMessage, notice, printable } from './format';

const at = new Date(2024, 4, 6, 7, 8, 9).getTime();

function entry(overrides: Partial<HistoryEntry>): HistoryEntry {
  return {
    at,
    direction: 'in',
    kind: 'group',
    messageId: '1',
    senderId: '10002',
    senderName: 'bob',
    receiverId: '',
    body: 'hello',
    ...overrides,
  };
}

describe('message formatting', () => {
  it('shows group messages with the time and the sender', () => {
    expect(formatMessage(entry({}))).toBe('[07:08:09] bob (group): hello');
  });

  it('shows private messages to us, and the ones kept while we were offline', () => {
    expect(formatMessage(entry({ kind: 'private', receiverId: '10001' }))).toBe(
      '[07:08:09] bob → you (private): hello',
    );
    expect(formatMessage(entry({ kind: 'offline', receiverId: '10001' }))).toBe(
      '[07:08:09] bob → you (private, while you were offline): hello',
    );
  });

  it('shows our own messages as sent by you, naming the receiver when known', () => {
    expect(formatMessage(entry({ direction: 'out', senderName: 'alice' }))).toBe(
      '[07:08:09] you (group): hello',
    );
    const toBob = entry({ direction: 'out', kind: 'private', receiverId: '10002' });
    expect(formatMessage(toBob)).toBe('[07:08:09] you → 10002 (private): hello');
    expect(formatMessage({ ...toBob, receiverName: 'bob' })).toBe('[07:08:09] you → bob (private): hello');
  });

  it('marks system messages', () => {
    expect(formatMessage(entry({ kind: 'system', senderName: '', body: 'maintenance at 10' }))).toBe(
      '[07:08:09] [system] maintenance at 10',
    );
  });

  it('dates history hits', () => {
    expect(formatHistoryHit(entry({}))).toBe('[2024-05-06 07:08:09] bob (group): hello');
  });

  it('marks the client’s own notices', () => {
    expect(notice('reconnected to im-2')).toBe('*** reconnected to im-2');
  });

  it('neutralises control characters and indents continuation lines', () => {
    expect(printable('a\u001b[2Jb\u0007')).toBe('a?[2Jb?');
    expect(printable('one\r\ntwo')).toBe('one\n    two');
  });
});
