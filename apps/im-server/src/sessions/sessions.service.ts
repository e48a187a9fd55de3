import { Injectable, Logger } from '@nestjs/common';
import { SessionClosedRequest } from '@cim/protocol';
import { ImServerEnv } from '../config/im-server.env';
import { ConnectionRegistry } from '../connections/connection-registry';
import { GatewayClient } from '../gateway/gateway-client';
import { Connection } from '../transport/connection';

const NOTIFY_ATTEMPTS = 5;

/** The end of a logged-in connection: unbinds it and tells the route-gateway, which releases the route. */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly env: ImServerEnv,
    private readonly connections: ConnectionRegistry,
    private readonly gateway: GatewayClient,
  ) {}

  closed(connection: Connection): Promise<void> {
    const session = connection.session;
    if (!session) return Promise.resolve();
    this.connections.unbind(connection);
    const request: SessionClosedRequest = {
      ...session,
      serverId: this.env.CIM_SERVER_ID,
      reason: connection.closeReason ?? 'disconnect',
    };
    const notified = this.notify(request).finally(() => this.pending.delete(notified));
    this.pending.add(notified);
    return notified;
  }

  /** Resolves when every notification under way has been answered or given up. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Retries with backoff, so that a gateway restart does not leave the user online. */
  private async notify(request: SessionClosedRequest): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.gateway.sessionClosed(request);
        return;
      } catch (error) {
        if (attempt >= NOTIFY_ATTEMPTS) {
          this.logger.error(`could not tell the route-gateway that user ${request.userId} left: ${error}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }
}
