import { byUserId, Reader, ReadMark, ReadPointer, ReadStateStore } from './read-state-store';

/** The read-state store of the embedded single-process mode. */
export class MemoryReadStateStore implements ReadStateStore {
  /** userId → conversation → seq. */
  private readonly pointers = new Map<string, Map<string, number>>();
  /** conversation → userId → seq, for conversations whose readers are listed. */
  private readonly readers = new Map<string, Map<string, number>>();

  async markRead({ userId, conversation, seq, lastSeq, listReader }: ReadMark): Promise<ReadPointer> {
    const mine = this.pointers.get(userId) ?? new Map<string, number>();
    this.pointers.set(userId, mine);
    const stored = mine.get(conversation) ?? 0;
    const current = stored > lastSeq ? 0 : stored;
    if (listReader) {
      const listed = this.readers.get(conversation) ?? new Map<string, number>();
      this.readers.set(conversation, listed);
      listed.set(userId, Math.max(listed.get(userId) ?? 0, seq));
    }
    if (seq <= current) return { seq: current, advanced: false };
    mine.set(conversation, seq);
    return { seq, advanced: true };
  }

  async readSeqs(userId: string, conversations: string[]): Promise<number[]> {
    const mine = this.pointers.get(userId);
    return conversations.map((c) => mine?.get(c) ?? 0);
  }

  async readersOf(conversation: string, seq: number): Promise<Reader[]> {
    const listed = this.readers.get(conversation) ?? new Map<string, number>();
    return [...listed]
      .filter(([, read]) => read >= seq)
      .map(([userId, read]) => ({ userId, seq: read }))
      .sort(byUserId);
  }

  async close(): Promise<void> {}
}
