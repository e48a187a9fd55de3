import { http } from './http';
import { SdkUser } from './sdk-user';

export interface KeptMessage {
  messageId: string;
  seq: number;
  senderId: string;
  body: string;
}

/** A private pair's conversation id: `p:<smaller id>:<larger id>` (ids compare as numbers). */
export function pairOf(a: string, b: string): string {
  const aFirst = a.length < b.length || (a.length === b.length && a < b);
  return aFirst ? `p:${a}:${b}` : `p:${b}:${a}`;
}

/** Every message the conversation's history keeps, in seq order, read page by page over HTTP. */
export async function readHistory(
  gatewayUrl: string,
  token: string,
  conversation: string,
): Promise<KeptMessage[]> {
  const kept: KeptMessage[] = [];
  for (;;) {
    const after = kept.at(-1)?.seq ?? 0;
    const page = await http<{ messages: KeptMessage[] }>(
      'GET',
      `${gatewayUrl}/api/conversations/${conversation}/messages?after=${after}&limit=200`,
      undefined,
      token,
    );
    if (page.status !== 200)
      throw new Error(`history of ${conversation}: ${page.status} ${JSON.stringify(page.body)}`);
    kept.push(...page.body.messages);
    if (page.body.messages.length < 200) return kept;
  }
}

/** The ids of the messages from others the user's listener got in the conversation, in the order it got them. */
export function receivedIn(user: SdkUser, conversation: string): string[] {
  return user.messages
    .filter((m) => m.conversation === conversation && m.senderId !== user.userId)
    .map((m) => m.messageId);
}

/**
 * What the user's listener must have got of the conversation: every kept message from someone else,
 * in seq order, each once — gap-free, as the user's own messages are the only ones it may skip.
 */
export function expectedIn(user: SdkUser, kept: KeptMessage[]): string[] {
  return kept.filter((m) => m.senderId !== user.userId).map((m) => m.messageId);
}
