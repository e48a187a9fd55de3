import { Inject, Injectable, Logger } from '@nestjs/common';
import { SendBatchReply, SendRequest } from '@cim/protocol';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayError } from '../errors/gateway-error';
import { toRpcFailure } from '../errors/rpc-exception.filter';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { MessagesService } from './messages.service';
import { StoreEpochService } from '../store-epoch/store-epoch.service';

/**
 * The SEND frames of one tick on one im-server. A SEND is accepted only from a current login session
 * of the sender (on one of their devices) on the im-server that relays it (one store round trip for the whole batch): an
 * im-server relays SENDs only from connections whose LOGIN it bound, so a SEND naming a session that
 * is not the user's current one is someone speaking for that user, or a session that has just ended.
 * Each SEND then succeeds or fails on its own, and is answered only once the store's epoch is seen
 * unchanged since the batch began (StoreEpochService): nothing is acknowledged into a store that was reset.
 */
@Injectable()
export class SendBatchService {
  private readonly logger = new Logger('SendBatch');

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly messages: MessagesService,
    private readonly metrics: GatewayMetrics,
    private readonly storeEpoch: StoreEpochService,
  ) {}

  async send(requests: SendRequest[]): Promise<SendBatchReply> {
    const epoch = this.storeEpoch.epoch;
    const current = await this.currentSessions(requests);
    const results = await Promise.all(
      requests.map((request, i) =>
        (current[i] ? this.messages.send(request) : Promise.reject(notCurrent(request)))
          .then((reply) => this.storeEpoch.confirm(epoch).then(() => reply))
          .then(
            (reply) => ({ reply }),
            (error: unknown) => {
              const failure = toRpcFailure(error, this.logger);
              this.metrics.failed(failure.code);
              return { failure };
            },
          ),
      ),
    );
    return { results };
  }

  private async currentSessions(requests: SendRequest[]): Promise<boolean[]> {
    if (requests.length === 0) return [];
    const userIds = [...new Set(requests.map((r) => r.userId))];
    const routes = new Map((await this.store.routesOfMany(userIds)).map((list, i) => [userIds[i], list]));
    return requests.map((r) =>
      (routes.get(r.userId) ?? []).some(
        (route) => route.sessionId === r.sessionId && route.serverId === r.serverId,
      ),
    );
  }
}

function notCurrent({ userId, sessionId, serverId }: SendRequest): GatewayError {
  return new GatewayError(
    'NotLoggedIn',
    `session ${sessionId} on ${serverId} is not user ${userId}'s current login: log in again`,
  );
}
