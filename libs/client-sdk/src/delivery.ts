import { ChatMessage, MessageKind } from '@cim/protocol';
import { FrameConnection } from './connection';
import { RecentIds } from './dedup';
import { ReceivedMessage, ReceivedMessageKind } from './types';

const KINDS: Partial<Record<MessageKind, ReceivedMessageKind>> = {
  [MessageKind.Private]: 'private',
  [MessageKind.Group]: 'group',
  [MessageKind.System]: 'system',
  [MessageKind.Offline]: 'offline',
};

/**
 * Hands MESSAGE frames to the listener: in the order they arrived, each message id once (a message the
 * server re-delivers because its DELIVERY_ACK was lost is dropped), then one DELIVERY_ACK with every
 * id of the frame, repeats included, on the connection the frame came by.
 */
export class Delivery {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly seen: RecentIds,
    /** Hands one message to the listener; must not reject. */
    private readonly handOver: (message: ReceivedMessage) => Promise<void>,
  ) {}

  receive(messages: ChatMessage[], connection: FrameConnection): void {
    this.queue = this.queue.then(() => this.deliver(messages, connection));
  }

  /** Resolves when every frame received so far was handed over and acknowledged. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async deliver(messages: ChatMessage[], connection: FrameConnection): Promise<void> {
    for (const message of messages) {
      if (this.seen.add(message.messageId)) await this.handOver(toReceivedMessage(message));
    }
    // Group broadcasts are not kept for redelivery, so they need no acknowledgement.
    const kept = messages.filter((m) => m.kind !== MessageKind.Group).map((m) => m.messageId);
    if (kept.length) connection.send({ deliveryAck: { messageIds: kept } });
  }
}

/** Decoded frames keep defaults on their prototype: copy every field explicitly. */
export function toReceivedMessage(message: ChatMessage): ReceivedMessage {
  return {
    messageId: message.messageId,
    seq: Number(message.seq),
    senderId: message.senderId,
    senderName: message.senderName,
    receiverId: message.receiverId ?? '',
    kind: KINDS[message.kind] ?? 'system',
    body: message.body,
    sentAt: Number(message.sentAt),
    ...(message.groupId ? { groupId: message.groupId } : {}),
  };
}
