import { StoredMessage } from '@cim/client-sdk';
import { gatewayCall } from '../gateway/gateway-call';

/** The largest page the gateway answers. */
export const MAX_HISTORY_PAGE = 200;

/** The route-gateway's conversation history, called with the login's bearer token. */
export class ConversationsApi {
  constructor(
    private readonly gatewayUrl: () => string,
    private readonly token: () => string | undefined,
  ) {}

  /** The newest `limit` messages of a conversation, oldest first. */
  async newest(conversation: string, limit: number): Promise<StoredMessage[]> {
    const query = new URLSearchParams({ before: String(Number.MAX_SAFE_INTEGER), limit: String(limit) });
    const path = `/api/conversations/${conversation}/messages?${query}`;
    const page = await gatewayCall<{ messages: StoredMessage[] }>(
      this.gatewayUrl(),
      this.token(),
      'GET',
      path,
    );
    return page.messages;
  }
}
