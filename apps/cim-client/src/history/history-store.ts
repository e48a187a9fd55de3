import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HistoryEntry } from './history-entry';

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.log$/;

/**
 * The local chat history of one user: `<dir>/<userName>/<YYYY-MM-DD>.log`, one JSON line per message,
 * a file per (local) day. Appends are written one after the other, in the order they were made.
 */
export class HistoryStore {
  readonly userDir: string;
  private writes: Promise<void> = Promise.resolve();

  constructor(dir: string, userName: string) {
    this.userDir = join(dir, userName);
  }

  fileFor(at: number): string {
    return join(this.userDir, `${localDate(at)}.log`);
  }

  /** Queues the entry; the promise settles once it is on disk (a failure rejects only this append). */
  append(entry: HistoryEntry): Promise<void> {
    const write = this.writes.then(async () => {
      await mkdir(this.userDir, { recursive: true });
      await appendFile(this.fileFor(entry.at), `${JSON.stringify(entry)}\n`, 'utf8');
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  /** Every entry of every day whose text, sender or receiver name contains the keyword, ignoring case. */
  async search(keyword: string): Promise<HistoryEntry[]> {
    await this.writes;
    const needle = keyword.toLowerCase();
    const found: HistoryEntry[] = [];
    for (const entry of await this.readAll()) {
      const haystack = [entry.body, entry.senderName, entry.receiverName ?? ''].join('\n').toLowerCase();
      if (haystack.includes(needle)) found.push(entry);
    }
    return found;
  }

  private async readAll(): Promise<HistoryEntry[]> {
    const files = await readdir(this.userDir).catch(() => [] as string[]);
    const entries: HistoryEntry[] = [];
    for (const file of files.filter((f) => DAY_FILE.test(f)).sort()) {
      const text = await readFile(join(this.userDir, file), 'utf8');
      for (const line of text.split('\n')) {
        const entry = parseLine(line);
        if (entry) entries.push(entry);
      }
    }
    return entries.sort((a, b) => a.at - b.at);
  }
}

/** YYYY-MM-DD in local time. */
export function localDate(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function parseLine(line: string): HistoryEntry | undefined {
  if (!line.trim()) return undefined;
  try {
    const entry = JSON.parse(line) as HistoryEntry;
    return typeof entry.body === 'string' && typeof entry.at === 'number' ? entry : undefined;
  } catch {
    return undefined; // a line cut short by a crash: skip it
  }
}
