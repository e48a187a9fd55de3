import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryEntry } from './history-entry';
import { HistoryStore, localDate } from './history-store';

function entry(at: Date, body: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    at: at.getTime(),
    direction: 'in',
    kind: 'group',
    messageId: String(at.getTime()),
    senderId: '10002',
    senderName: 'bob',
    receiverId: '',
    body,
    ...overrides,
  };
}

describe('HistoryStore', () => {
  let dir: string;
  let store: HistoryStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cim-history-'));
    store = new HistoryStore(dir, 'alice');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('appends one JSON line per message to the file of its day, under the user name', async () => {
    const monday = new Date(2024, 0, 1, 9, 30);
    const tuesday = new Date(2024, 0, 2, 23, 59);
    await Promise.all([
      store.append(entry(monday, 'first')),
      store.append(entry(monday, 'second')),
      store.append(entry(tuesday, 'third')),
    ]);
    expect((await readdir(join(dir, 'alice'))).sort()).toEqual(['2024-01-01.log', '2024-01-02.log']);
    const lines = (await readFile(join(dir, 'alice', '2024-01-01.log'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).body)).toEqual(['first', 'second']);
  });

  it('searches every day, ignoring case, in the text and in the names', async () => {
    await store.append(entry(new Date(2024, 0, 1, 10), 'Hello there'));
    await store.append(entry(new Date(2024, 0, 3, 10), 'nothing to see'));
    await store.append(entry(new Date(2024, 0, 5, 10), 'well, HELLO again'));
    await store.append(
      entry(new Date(2024, 0, 6, 10), 'to carol', { direction: 'out', receiverName: 'Carol' }),
    );
    expect((await store.search('hello')).map((e) => e.body)).toEqual(['Hello there', 'well, HELLO again']);
    expect((await store.search('CAROL')).map((e) => e.body)).toEqual(['to carol']);
    expect(await store.search('absent')).toEqual([]);
  });

  it('finds nothing, without failing, before anything was written', async () => {
    expect(await store.search('x')).toEqual([]);
  });

  it('skips lines that are not entries (a write cut short)', async () => {
    const at = new Date(2024, 0, 1, 10);
    await store.append(entry(at, 'kept'));
    await writeFile(store.fileFor(at.getTime()), '{"body": "trunc', { flag: 'a' });
    expect((await store.search('')).map((e) => e.body)).toEqual(['kept']);
  });

  it('names files by the local date', () => {
    expect(localDate(new Date(2024, 11, 31, 23, 59, 59).getTime())).toBe('2024-12-31');
  });
});
