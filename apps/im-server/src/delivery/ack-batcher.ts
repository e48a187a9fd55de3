import { Injectable, Logger } from '@nestjs/common';
import { AcknowledgeRequest } from '@cim/protocol';
import { GatewayClient } from '../gateway/gateway-client';
import { asClientFailure } from '../transport/client-frame.error';

/** Most message ids in one call to the route-gateway; a tick with more makes several calls. */
const MAX_IDS_PER_CALL = 1000;

/**
 * Gathers the DELIVERY_ACKs of one tick, from every connection, into calls to the route-gateway (of at
 * most 1,000 ids each), which forgets those messages in the unacked ledger. Every id is forwarded, however
 * many one frame carries. A lost call costs only duplicates: the messages are handed over again at the
 * next login and the client drops them by id.
 */
@Injectable()
export class AckBatcher {
  private readonly logger = new Logger(AckBatcher.name);
  private pending = new Map<string, string[]>();

  constructor(private readonly gateway: GatewayClient) {}

  add(userId: string, messageIds: string[]): void {
    const ids = messageIds.filter((id) => typeof id === 'string' && id.length > 0);
    if (!ids.length) return;
    if (this.pending.size === 0) setImmediate(() => this.flush());
    const list = this.pending.get(userId);
    if (list) list.push(...ids);
    else this.pending.set(userId, ids);
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = new Map();
    for (const request of inCalls(pending)) {
      this.gateway
        .acknowledge(request)
        .catch((error) => this.logger.warn(`acks not recorded: ${asClientFailure(error).text}`));
    }
  }
}

/** The acks by user, cut into requests of at most MAX_IDS_PER_CALL ids. */
function inCalls(pending: Map<string, string[]>): AcknowledgeRequest[] {
  const requests: AcknowledgeRequest[] = [];
  let current: AcknowledgeRequest = { acks: [] };
  let room = MAX_IDS_PER_CALL;
  for (const [userId, ids] of pending) {
    for (let start = 0; start < ids.length;) {
      if (room === 0) {
        requests.push(current);
        current = { acks: [] };
        room = MAX_IDS_PER_CALL;
      }
      const messageIds = ids.slice(start, start + room);
      current.acks.push({ userId, messageIds });
      room -= messageIds.length;
      start += messageIds.length;
    }
  }
  if (current.acks.length) requests.push(current);
  return requests;
}
