import { MessageListener, ReceivedMessage, SendResult } from '@cim/client-sdk';
import { HistoryEntry, receivedEntry } from '../history/history-entry';
import { HistoryStore } from '../history/history-store';
import { Output } from '../terminal/screen';
import { formatMessage } from './format';
import { NameBook } from './name-book';

/** Shows every message, received or sent, as a readable line, and keeps it in the local history. */
export class Printer implements MessageListener {
  constructor(
    private readonly out: Output,
    private readonly history: HistoryStore,
    private readonly names: NameBook,
    private readonly me: () => { userId: string; name: string },
  ) {}

  async onMessage(message: ReceivedMessage): Promise<void> {
    this.names.learn(message.senderId, message.senderName);
    await this.show(receivedEntry(message));
  }

  /** A message of ours the gateway accepted; receiverId is empty for the lobby and a group (groupId). */
  async sent(result: SendResult, body: string, receiverId = '', groupId?: string): Promise<void> {
    const { userId, name } = this.me();
    await this.show({
      at: result.sentAt,
      direction: 'out',
      kind: receiverId ? 'private' : 'group',
      messageId: result.messageId,
      senderId: userId,
      senderName: name,
      receiverId,
      receiverName: receiverId ? this.names.get(receiverId) : undefined,
      body,
      ...(groupId ? { groupId } : {}),
    });
  }

  private async show(entry: HistoryEntry): Promise<void> {
    this.out.print(formatMessage(entry));
    await this.history.append(entry);
  }
}
