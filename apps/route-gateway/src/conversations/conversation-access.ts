import { Inject, Injectable } from '@nestjs/common';
import { GROUP_STORE, GroupStore } from '@cim/session-store';
import { GatewayError } from '../errors/gateway-error';
import { privateConversation } from '../messages/messages.service';

/** The lobby (`group`), a private pair (`p:<low>:<high>`) or a group with membership (`g:<id>`). */
export const CONVERSATION_PATTERN = /^(group|p:[1-9][0-9]{0,19}:[1-9][0-9]{0,19}|g:[1-9][0-9]{0,19})$/;
export const CONVERSATION_FORM = "'group', 'p:<low id>:<high id>' or 'g:<group id>'";

/** Who may read a conversation: anyone the lobby, the two users their pair, the members their group. */
@Injectable()
export class ConversationAccess {
  constructor(@Inject(GROUP_STORE) private readonly groups: GroupStore) {}

  /** Resolves when the user is part of the conversation; a NotAMember GatewayError (HTTP 403) names it otherwise. */
  async check(userId: string, conversation: string): Promise<void> {
    if (!(await this.isPartOf(userId, conversation)))
      throw new GatewayError('NotAMember', `you are not part of conversation ${conversation}`);
  }

  private async isPartOf(userId: string, conversation: string): Promise<boolean> {
    if (conversation === 'group') return true;
    const [kind, first, second] = conversation.split(':');
    if (kind === 'p')
      return conversation === privateConversation(first, second) && (first === userId || second === userId);
    if (kind === 'g') return (await this.groups.getRole(first, userId)) !== null;
    return false;
  }
}
