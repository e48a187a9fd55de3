import type { JSONSchemaType } from 'ajv';
import { DeliverRequest, StoredMessage } from '@cim/protocol';

/** A message handed over by a route-gateway, checked field by field before it reaches a client. */
const STORED_MESSAGE_SCHEMA: JSONSchemaType<StoredMessage> = {
  type: 'object',
  required: ['messageId', 'seq', 'senderId', 'senderName', 'receiverId', 'kind', 'body', 'sentAt'],
  properties: {
    messageId: { type: 'string', minLength: 1 },
    seq: { type: 'integer', minimum: 0 },
    /** '' for a system message (the admin's broadcasts and pushes). */
    senderId: { type: 'string' },
    senderName: { type: 'string' },
    /** '' for a group message. */
    receiverId: { type: 'string' },
    kind: { type: 'string', enum: ['private', 'group', 'system', 'offline'] },
    body: { type: 'string' },
    sentAt: { type: 'integer', minimum: 0 },
    groupId: { type: 'string', nullable: true },
    senderDeviceId: { type: 'string', nullable: true },
    senderDeviceKind: { type: 'string', nullable: true },
  },
};

/** im.deliver: the messages a route-gateway or admin hands over to this server. */
export const DELIVER_SCHEMA: JSONSchemaType<DeliverRequest> = {
  type: 'object',
  required: ['entries'],
  properties: {
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['message'],
        properties: {
          message: STORED_MESSAGE_SCHEMA,
          userIds: { type: 'array', nullable: true, items: { type: 'string' } },
          allExcept: { type: 'string', nullable: true },
          exceptSession: { type: 'string', nullable: true },
          skipSession: { type: 'string', nullable: true },
        },
      },
    },
  },
};
