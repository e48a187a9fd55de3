import type { JSONSchemaType } from 'ajv';
import { SYNC_MAX_LIMIT, SyncRequest } from '@cim/protocol';
import { CONVERSATION_FORM, CONVERSATION_PATTERN } from '../conversation-access';

/** A client's SYNC as its im-server relays it (the im-server fills in the default limit). */
export const SYNC_SCHEMA: JSONSchemaType<SyncRequest> = {
  type: 'object',
  required: ['userId', 'conversation', 'afterSeq', 'limit'],
  properties: {
    userId: { type: 'string' },
    conversation: {
      type: 'string',
      pattern: CONVERSATION_PATTERN.source,
      message: `must be ${CONVERSATION_FORM}`,
    },
    afterSeq: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: SYNC_MAX_LIMIT },
  },
};
