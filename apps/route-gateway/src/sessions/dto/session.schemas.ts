import type { JSONSchemaType } from 'ajv';
import { AcknowledgeRequest, SessionClosedRequest, SessionRef } from '@cim/protocol';
import { DEVICE_ID_PATTERN } from '@cim/session-store';

const SESSION_REF_PROPERTIES = {
  userId: { type: 'string', minLength: 1 },
  sessionId: { type: 'string', minLength: 1 },
  serverId: { type: 'string', minLength: 1 },
  incarnation: { type: 'string', nullable: true, minLength: 1 },
  deviceId: { type: 'string', nullable: true, pattern: DEVICE_ID_PATTERN.source },
  deviceKind: { type: 'string', nullable: true },
} as const;

/** gateway.session.opened: a LOGIN an im-server accepted. */
export const SESSION_REF_SCHEMA: JSONSchemaType<SessionRef> = {
  type: 'object',
  required: ['userId', 'sessionId', 'serverId'],
  properties: SESSION_REF_PROPERTIES,
};

/** gateway.session.closed: a connection that ended, and why. */
export const SESSION_CLOSED_SCHEMA: JSONSchemaType<SessionClosedRequest> = {
  type: 'object',
  required: ['userId', 'sessionId', 'serverId', 'reason'],
  properties: { ...SESSION_REF_PROPERTIES, reason: { type: 'string' } },
};

/** gateway.delivery.ack: the DELIVERY_ACKs of one tick on one im-server. */
export const ACKNOWLEDGE_SCHEMA: JSONSchemaType<AcknowledgeRequest> = {
  type: 'object',
  required: ['acks'],
  properties: {
    acks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['userId', 'messageIds'],
        properties: {
          userId: { type: 'string', minLength: 1 },
          messageIds: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};
