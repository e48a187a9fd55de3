import { MessageListener, ReceivedMessage, SendResult } from '@cim/client-sdk';
import { HistoryEntry, receivedEntry } from '../history/history-entry';
import { HistoryStore } from '../history/history-store';
import { Output } from '../terminal/screen';
import { formatMessage } from './format';
import { NameBook } from './name-book';

/**
 * Shows every message, received or sent (from this device or another of the user's), as a readable
 * line, and keeps it in the local history.
 */
export class Printer implements MessageListener {
  constructor(
    private readonly out: Output,
    private readonly history: HistoryStore,
    private readonly names: NameBook,
    private readonly me: () => { userId: string; name: string },
  ) {}

  /** A message from someone, or one of ours sent from another of our devices (shown as ours). */
  async onMessage(message: ReceivedMessage): Promise<void> {
    this.names.learn(message.senderId, message.senderName);
    const entry = receivedEntry(message);
    if (message.senderId !== this.me().userId || message.kind === 'system') return this.show(entry);
    const receiverName = message.receiverId ? this.names.get(message.receiverId) : undefined;
    await this.show({ ...entry, direction: 'out', ...(receiverName ? { receiverName } : {}) });
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
