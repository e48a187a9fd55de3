import { CimClient } from '@cim/client-sdk';
import { ConversationsApi } from '../conversations/conversations-api';
import { GroupsApi } from '../groups/groups-api';
import { HistoryStore } from '../history/history-store';
import { NameBook } from '../printer/name-book';

/** What a command may use. */
export interface CommandContext {
  client: Pick<CimClient, 'state' | 'session' | 'gatewayUrl' | 'onlineUsers'>;
  history: HistoryStore;
  names: NameBook;
  groups: Pick<GroupsApi, 'mine' | 'create' | 'add' | 'remove' | 'leave'>;
  conversations: Pick<ConversationsApi, 'newest'>;
  print(line: string): void;
  /** Sends a group message as if typed (emoji expanded, printed when accepted). */
  sendGroup(text: string): Promise<void>;
  /** Runs `action` later; the timer is released when the client quits. */
  later(delayMs: number, action: () => void): void;
  quit(): Promise<void>;
  /** The table, for :help. */
  commands: readonly Command[];
}

export interface Command {
  /** What is typed, e.g. ':olu'; the first is the main name. */
  names: string[];
  /** The arguments, e.g. '<seconds> <text>'. */
  args?: string;
  description: string;
  run(context: CommandContext, args: string): void | Promise<void>;
}
