import { StoredMessage } from './stored-message';
import { ChatMessage, MessageBatch, MessageKind } from './frames';

const KINDS: Record<StoredMessage['kind'], MessageKind> = {
  private: MessageKind.Private,
  group: MessageKind.Group,
  system: MessageKind.System,
  offline: MessageKind.Offline,
};

/** The MESSAGE frame form of a stored message; inbox deliveries of private messages are marked OFFLINE. */
export function toChatMessage(message: StoredMessage, fromInbox = false): ChatMessage {
  const kind = fromInbox && message.kind === 'private' ? MessageKind.Offline : KINDS[message.kind];
  return { ...message, kind };
}

export function toMessageBatch(messages: StoredMessage[], fromInbox = false): MessageBatch {
  return { messages: messages.map((m) => toChatMessage(m, fromInbox)) };
}
