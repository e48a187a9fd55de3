import type { JSONSchemaType } from 'ajv';
import { SessionStatusRequest } from '@cim/protocol';

/** im.session.status: whether this login session is connected here. */
export const SESSION_STATUS_SCHEMA: JSONSchemaType<SessionStatusRequest> = {
  type: 'object',
  required: ['userId', 'sessionId'],
  properties: {
    userId: { type: 'string', minLength: 1 },
    sessionId: { type: 'string', minLength: 1 },
  },
};
