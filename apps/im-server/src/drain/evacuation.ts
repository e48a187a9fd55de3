import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImServerEnv } from '../config/im-server.env';
import { ConnectionRegistry } from '../connections/connection-registry';
import { SessionsService } from '../sessions/sessions.service';
import { Connection } from '../transport/connection';
import { drainRate } from './drain-rate';

/** How often the evacuation tells the next clients. */
const TICK_MS = 50;
const REASON = 'server is shutting down; log in again';

/**
 * A stopping server's clients, moved elsewhere gently: each is told RECONNECT, at most drainRate() a
 * second over the drain window (CIM_DRAIN_RATE, CIM_DRAIN_TIMEOUT_MS), so that the gateways see a
 * steady stream of resumes rather than every client at once (a window of 0 tells them all at once).
 * Then it waits, until the window ends, for the rest to leave and for their session reports to reach
 * the route-gateway.
 */
@Injectable()
export class Evacuation {
  private readonly logger = new Logger('Evacuation');

  constructor(
    private readonly env: ImServerEnv,
    private readonly connections: ConnectionRegistry,
    private readonly sessions: SessionsService,
  ) {}

  async run(): Promise<void> {
    const started = Date.now();
    const deadline = started + this.env.CIM_DRAIN_TIMEOUT_MS;
    const count = this.connections.size;
    const rate = drainRate(count, this.env.CIM_DRAIN_RATE, this.env.CIM_DRAIN_TIMEOUT_MS);
    if (count > 0) this.logger.log(`moving ${count} client(s) elsewhere at up to ${rate} a second`);
    const told = new WeakSet<Connection>();
    let toldCount = 0;
    // Each pass tells the clients due by now before it looks at the deadline, so that a window of 0
    // tells everyone at once instead of leaving them to the transport's close.
    while (this.connections.size > 0) {
      const elapsed = Date.now() - started;
      const due = rate === Number.POSITIVE_INFINITY ? rate : Math.floor((elapsed / 1000) * rate) + 1;
      for (const connection of this.connections.all()) {
        if (toldCount >= due) break;
        if (told.has(connection)) continue;
        told.add(connection);
        toldCount++;
        connection.close('shutdown', { reconnect: { reason: REASON } });
      }
      if (Date.now() >= deadline) break;
      await sleep(TICK_MS);
    }
    await this.sessions.settled();
    this.logger.log(`drained ${count} connection(s) in ${Date.now() - started} ms`);
  }
}
