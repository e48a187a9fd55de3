import type { JSONSchemaType } from 'ajv';
import { ReadStateNotice } from '@cim/protocol';

/** im.read-state: a READ_STATE for sessions connected to this server. */
export const READ_STATE_NOTICE_SCHEMA: JSONSchemaType<ReadStateNotice> = {
  type: 'object',
  required: ['readState', 'sessions'],
  properties: {
    readState: {
      type: 'object',
      required: ['conversation', 'userId', 'seq'],
      properties: {
        conversation: { type: 'string' },
        userId: { type: 'string' },
        seq: { type: 'integer', minimum: 0 },
      },
    },
    sessions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['userId', 'sessionId'],
        properties: { userId: { type: 'string' }, sessionId: { type: 'string' } },
      },
    },
  },
};
