import type { JSONSchemaType } from 'ajv';
import { SendBatchRequest } from '@cim/protocol';

/**
 * gateway.message.send-batch: the SEND frames of one tick on one im-server. Only the shape is checked
 * here: what a client chose (an empty body, a long client message id, no receiver, a sending session's
 * form) fails that SEND alone, in MessagesService.
 */
export const SEND_BATCH_SCHEMA: JSONSchemaType<SendBatchRequest> = {
  type: 'object',
  required: ['requests'],
  properties: {
    requests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['userId', 'sessionId', 'serverId', 'userName', 'clientMsgId', 'body'],
        properties: {
          userId: { type: 'string' },
          sessionId: { type: 'string' },
          serverId: { type: 'string' },
          deviceId: { type: 'string', nullable: true },
          deviceKind: { type: 'string', nullable: true },
          incarnation: { type: 'string', nullable: true },
          userName: { type: 'string' },
          clientMsgId: { type: 'string' },
          receiverId: { type: 'string', nullable: true },
          group: { type: 'boolean', nullable: true },
          groupId: { type: 'string', nullable: true },
          body: { type: 'string' },
          sendSeq: {
            type: 'object',
            nullable: true,
            required: ['session', 'seq'],
            properties: { session: { type: 'string' }, seq: { type: 'integer' } },
          },
        },
      },
    },
  },
};
