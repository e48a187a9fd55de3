import { IsInt, Max, Min } from 'class-validator';
import { SecurityEnv } from './security.env';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Variables of the processes that accept messages and hand them to im-servers: the route-gateway and the admin. */
export class DeliveryEnv extends SecurityEnv {
  /** Most offline (and most unacknowledged) messages kept per user; the oldest go first. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CIM_INBOX_CAP = 1000;

  /** How long an inbox lives after its last write. */
  @IsInt()
  @Min(1000)
  CIM_INBOX_TTL_MS = 7 * DAY_MS;

  /** Most messages a conversation's history keeps; the oldest go first. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CIM_HISTORY_MAX_MESSAGES = 1000;

  /** How long a message stays in its conversation's history after it was sent. */
  @IsInt()
  @Min(1000)
  CIM_HISTORY_TTL_MS = 30 * DAY_MS;

  /** Largest message body, in UTF-8 bytes. */
  @IsInt()
  @Min(1)
  @Max(32768)
  CIM_MAX_BODY_BYTES = 4096;

  /**
   * This process's node id (0..1023) in the message ids it makes; -1 leases a free one from the session
   * store and renews it (NodeIdLease), so that no two live processes share one. A configured id is used
   * as it is: two processes sharing one could make the same message id in the same millisecond.
   */
  @IsInt()
  @Min(-1)
  @Max(1023)
  CIM_NODE_ID = -1;

  /** How long a call to an im-server may take before it counts as failed. */
  @IsInt()
  @Min(100)
  @Max(60000)
  CIM_RPC_TIMEOUT_MS = 3000;
}

/** The inbox cap and TTL, in the shape the session store takes. */
export function inboxPolicy(env: DeliveryEnv): { cap: number; ttlMs: number } {
  return { cap: env.CIM_INBOX_CAP, ttlMs: env.CIM_INBOX_TTL_MS };
}

export function historyPolicy(env: DeliveryEnv): { maxMessages: number; ttlMs: number } {
  return { maxMessages: env.CIM_HISTORY_MAX_MESSAGES, ttlMs: env.CIM_HISTORY_TTL_MS };
}
