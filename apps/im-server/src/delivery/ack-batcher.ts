import { Injectable, Logger } from '@nestjs/common';
import { AcknowledgeRequest } from '@cim/protocol';
import { GatewayClient } from '../gateway/gateway-client';
import { asClientFailure } from '../transport/client-frame.error';

const MAX_IDS_PER_ACK = 1000;

/**
 * Gathers the DELIVERY_ACKs of one tick, from every connection, into one call to the route-gateway,
 * which forgets those messages in the unacked ledger. A lost batch costs only duplicates: the
 * messages are handed over again at the next login and the client drops them by id.
 */
@Injectable()
export class AckBatcher {
  private readonly logger = new Logger(AckBatcher.name);
  private pending = new Map<string, string[]>();

  constructor(private readonly gateway: GatewayClient) {}

  add(userId: string, messageIds: string[]): void {
    const ids = messageIds.filter((id) => typeof id === 'string' && id.length > 0).slice(0, MAX_IDS_PER_ACK);
    if (!ids.length) return;
    if (this.pending.size === 0) setImmediate(() => this.flush());
    const list = this.pending.get(userId);
    if (list) list.push(...ids);
    else this.pending.set(userId, ids);
  }

  private flush(): void {
    const request: AcknowledgeRequest = {
      acks: [...this.pending].map(([userId, messageIds]) => ({ userId, messageIds })),
    };
    this.pending = new Map();
    this.gateway
      .acknowledge(request)
      .catch((error) => this.logger.warn(`acks not recorded: ${asClientFailure(error).text}`));
  }
}
