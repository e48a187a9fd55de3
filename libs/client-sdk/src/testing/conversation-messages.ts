import { ChatMessage, MessageKind } from '@cim/protocol';
import { chatMessage, RecordingClient } from './client-fixture';

// alice is user 10001, bob 10002: their pair is p:10001:10002.
export const PAIR = 'p:10001:10002';

/** Bob's message to alice, seq `seq` of their pair. */
export function fromBob(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return chatMessage({ messageId: `p${seq}`, seq, body: `bob ${seq}`, ...overrides });
}

/** Seq `seq` of group 7 (or of `overrides.groupId`). */
export function inGroup(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return chatMessage({
    messageId: `g${overrides.groupId ?? '7'}-${seq}`,
    seq,
    body: `club ${seq}`,
    receiverId: '',
    kind: MessageKind.Group,
    groupId: '7',
    ...overrides,
  });
}

/** What the client's listener got: conversation, seq and body of each message. */
export const seen = (client: RecordingClient) =>
  client.recorder.messages.map((m) => [m.conversation, m.seq, m.body]);
