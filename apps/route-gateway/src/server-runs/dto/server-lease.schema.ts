import type { JSONSchemaType } from 'ajv';
import { ServerLeaseRequest } from '@cim/protocol';

/** gateway.server.lease: an im-server run takes or renews its lease. */
export const SERVER_LEASE_SCHEMA: JSONSchemaType<ServerLeaseRequest> = {
  type: 'object',
  required: ['serverId', 'incarnation', 'ttlMs', 'first'],
  properties: {
    serverId: { type: 'string', minLength: 1 },
    incarnation: { type: 'string', minLength: 1 },
    ttlMs: { type: 'integer', minimum: 1000, maximum: 600_000 },
    first: { type: 'boolean' },
  },
};
