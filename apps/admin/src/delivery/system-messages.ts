import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { MessageIdGenerator, StoredMessage } from '@cim/protocol';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { AdminEnv } from '../config/admin.env';

/** The conversation whose sequence numbers system messages (broadcasts and pushes) share. */
export const SYSTEM_CONVERSATION = 'system';
export const DEFAULT_SENDER_NAME = 'system';

/** Makes system messages: a time-ordered id, the next system sequence, kind 'system', no receiver. */
@Injectable()
export class SystemMessages {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly ids: MessageIdGenerator,
    private readonly env: AdminEnv,
  ) {}

  async compose(body: string, senderName = DEFAULT_SENDER_NAME): Promise<StoredMessage> {
    const max = this.env.CIM_MAX_BODY_BYTES;
    if (Buffer.byteLength(body, 'utf8') > max) {
      throw new BadRequestException(`body must be at most ${max} bytes of UTF-8`);
    }
    const messageId = this.ids.next();
    return {
      messageId,
      seq: await this.store.nextSequence(SYSTEM_CONVERSATION),
      senderId: '',
      senderName,
      receiverId: '',
      kind: 'system',
      body,
      sentAt: MessageIdGenerator.timeOf(messageId),
    };
  }
}
