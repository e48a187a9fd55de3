/** The token under which Nest modules provide a ReadStateStore. */
export const READ_STATE_STORE = Symbol('READ_STATE_STORE');

export interface ReadMark {
  userId: string;
  /** 'group' (the lobby), 'p:<low>:<high>' or 'g:<group id>'. */
  conversation: string;
  seq: number;
  /**
   * The conversation's last seq now: a pointer beyond it was set in an earlier run of the conversation's
   * sequence (a private pair's is forgotten after a long silence and starts again at 1) and counts as 0.
   */
  lastSeq: number;
  /**
   * Also list the user among the conversation's readers (readersOf): for groups with membership, whose
   * readers can be asked for. The lobby and private pairs need no such list.
   */
  listReader?: boolean;
}

/** Where the user's pointer stands after a mark; `advanced` when the mark moved it forward. */
export interface ReadPointer {
  seq: number;
  advanced: boolean;
}

/** A user who has read a conversation up to seq. */
export interface Reader {
  userId: string;
  seq: number;
}

/**
 * Read pointers: per user and conversation, the seq the user has read up to. A pointer only moves
 * forward; a mark at or below it changes nothing. Kept without expiry (one entry per conversation the
 * user ever marked; a pointer for a conversation the user left is harmless and never asked for).
 */
export interface ReadStateStore {
  /** Moves the user's pointer forward to the mark's seq (never back); answers where it now stands. */
  markRead(mark: ReadMark): Promise<ReadPointer>;
  /** The user's pointers for these conversations, in the order asked; 0 for one never marked. */
  readSeqs(userId: string, conversations: string[]): Promise<number[]>;
  /** The users listed as readers of the conversation whose pointer is at seq or beyond, by user id. */
  readersOf(conversation: string, seq: number): Promise<Reader[]>;
  close(): Promise<void>;
}

/** Readers ordered by numeric user id, as every implementation answers them. */
export function byUserId(a: Reader, b: Reader): number {
  return a.userId.length - b.userId.length || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}
