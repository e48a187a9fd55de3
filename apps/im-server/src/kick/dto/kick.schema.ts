import type { JSONSchemaType } from 'ajv';
import { KickRequest } from '@cim/protocol';

/** im.kick: close a user's connections (of a session, of a device, or all) with KICKED. */
export const KICK_SCHEMA: JSONSchemaType<KickRequest> = {
  type: 'object',
  required: ['userId', 'reason'],
  properties: {
    userId: { type: 'string', minLength: 1 },
    sessionId: { type: 'string', nullable: true },
    deviceId: { type: 'string', nullable: true },
    reason: { type: 'string' },
  },
};
