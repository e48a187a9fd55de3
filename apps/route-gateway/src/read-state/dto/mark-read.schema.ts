import type { JSONSchemaType } from 'ajv';
import { MarkReadRequest } from '@cim/protocol';
import { CONVERSATION_FORM, CONVERSATION_PATTERN } from '../../conversations/conversation-access';
import { MAX_SEQ } from './read-state.requests';

/** A client's MARK_READ as its im-server relays it. */
export const MARK_READ_SCHEMA: JSONSchemaType<MarkReadRequest> = {
  type: 'object',
  required: ['userId', 'sessionId', 'conversation', 'seq'],
  properties: {
    userId: { type: 'string' },
    sessionId: { type: 'string' },
    conversation: {
      type: 'string',
      pattern: CONVERSATION_PATTERN.source,
      message: `must be ${CONVERSATION_FORM}`,
    },
    seq: { type: 'integer', minimum: 0, maximum: MAX_SEQ },
  },
};
