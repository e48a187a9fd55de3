import { Injectable, Logger } from '@nestjs/common';
import { SessionClosedRequest } from '@cim/protocol';
import { ImServerEnv } from '../config/im-server.env';
import { ConnectionRegistry } from '../connections/connection-registry';
import { GatewayClient } from '../gateway/gateway-client';
import { Connection, SessionBinding } from '../transport/connection';

const NOTIFY_ATTEMPTS = 5;

/**
 * The end of a logged-in connection: unbinds it and tells the route-gateway, which releases the route.
 * Only the connection bound to its user holds the route: one that a newer connection displaced (a
 * newer login, or the same token presented again) releases nothing when it closes.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  /** The last report under way for each user; a user's reports reach the gateway in order. */
  private readonly reports = new Map<string, Promise<void>>();

  constructor(
    private readonly env: ImServerEnv,
    private readonly connections: ConnectionRegistry,
    private readonly gateway: GatewayClient,
  ) {}

  closed(connection: Connection): Promise<void> {
    const session = connection.session;
    if (!session || !this.connections.unbind(connection)) return Promise.resolve();
    return this.report(session, connection.closeReason ?? 'disconnect');
  }

  /** Tells the route-gateway that the session's connection is gone, after the user's earlier reports. */
  report(session: SessionBinding, reason: string): Promise<void> {
    const { userId } = session;
    const request: SessionClosedRequest = { ...session, serverId: this.env.CIM_SERVER_ID, reason };
    const report = this.reported(userId).then(() => this.notify(request));
    this.reports.set(userId, report);
    void report.then(() => {
      if (this.reports.get(userId) === report) this.reports.delete(userId);
    });
    return report;
  }

  /**
   * Resolves when every report about the user's connections under way has been answered or given up:
   * a LOGIN waits for it, so that a late release cannot undo the route that LOGIN confirms.
   */
  reported(userId: string): Promise<void> {
    return this.reports.get(userId) ?? Promise.resolve();
  }

  /** Resolves when every notification under way has been answered or given up. */
  async settled(): Promise<void> {
    while (this.reports.size) await Promise.allSettled([...this.reports.values()]);
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
