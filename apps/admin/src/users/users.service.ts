import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImServerClients } from '@cim/delivery';
import { ImServerPatterns, KickRequest } from '@cim/protocol';
import { Route, SESSION_STORE, SessionStore, UserRecord } from '@cim/session-store';
import { AdminEnv } from '../config/admin.env';
import { LiveServers } from '../servers/live-servers';
import { KickResponse } from './dto/kick.response';
import { OnlineUsersPage } from './dto/online-users.response';
import { UserState } from './dto/user-state.response';

const DEFAULT_KICK_REASON = 'kicked by an operator';
/** How often a kick looks whether the im-server has released the route yet. */
const RELEASE_POLL_MS = 20;

/** Who is online, one user's state, and kicking a user off. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('UsersService');

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly live: LiveServers,
    private readonly calls: ImServerClients,
    private readonly env: AdminEnv,
  ) {}

  countOnline(): Promise<number> {
    return this.store.countOnline();
  }

  /** One page of the online users (SCAN-style, never KEYS), with names, servers and login times. */
  async onlineUsers(cursor: string, count: number): Promise<OnlineUsersPage> {
    const page = await this.store.listOnline(cursor, count).catch((error: unknown) => {
      if (error instanceof RangeError) throw new BadRequestException(`invalid cursor "${cursor}"`);
      throw error;
    });
    const [routes, users] = await Promise.all([
      this.store.getRoutes(page.userIds),
      Promise.all(page.userIds.map((id) => this.store.findUserById(id))),
    ]);
    const online = page.userIds.flatMap((userId, i) => {
      const route = routes[i];
      const user = users[i];
      return route && user ? [{ userId, name: user.name, serverId: route.serverId, since: route.since }] : [];
    });
    return { cursor: page.cursor, users: online };
  }

  async state(userId: string): Promise<UserState> {
    const user = await this.user(userId);
    const [route, inboxSize, unacked] = await Promise.all([
      this.store.getRoute(userId),
      this.store.inboxSize(userId),
      this.store.unackedSize(userId),
    ]);
    return {
      userId,
      name: user.name,
      createdAt: user.createdAt,
      online: route !== null,
      serverId: route?.serverId ?? null,
      since: route?.since ?? null,
      inboxSize,
      unacked,
    };
  }

  /**
   * Closes the user's connection (its im-server sends KICKED) and answers once the user is offline:
   * once the kicked login's route is gone. The im-server releases it as the connection closes; when
   * the server could not be reached, did not hold that connection, or has not released the route
   * within CIM_RPC_TIMEOUT_MS, the admin releases it itself. Every resume credential of the user is
   * revoked first, so that no device of theirs comes back without the password.
   */
  async kick(userId: string, reason = DEFAULT_KICK_REASON): Promise<KickResponse> {
    await this.user(userId);
    const route = await this.store.getRoute(userId);
    if (!route) throw new ConflictException(`user ${userId} is not online`);
    await this.store.revokeResumes(userId);
    const kicked = await this.closeConnection(route, reason);
    const releasedByServer = kicked && (await this.released(route));
    if (!releasedByServer) await this.store.releaseOnline(userId, route.sessionId);
    const releasedBy = releasedByServer ? 'im-server' : 'admin';
    this.logger.log({ msg: 'kicked a user', userId, serverId: route.serverId, kicked, releasedBy });
    return { serverId: route.serverId, kicked };
  }

  /** Asks the route's im-server to close the connection; false when it did not (or could not be asked). */
  private async closeConnection(route: Route, reason: string): Promise<boolean> {
    const server = (await this.live.list()).find((s) => s.id === route.serverId);
    if (!server) return false;
    const request: KickRequest = { userId: route.userId, sessionId: route.sessionId, reason };
    return this.calls.call<{ kicked: boolean }>(server.id, ImServerPatterns.Kick, request).then(
      (reply) => reply?.kicked === true,
      (error: Error) => {
        this.logger.warn(`kicking user ${route.userId}: ${error.message}`);
        return false;
      },
    );
  }

  /** Whether the route's session stops being the user's current one within CIM_RPC_TIMEOUT_MS. */
  private async released(route: Route): Promise<boolean> {
    const deadline = Date.now() + this.env.CIM_RPC_TIMEOUT_MS;
    for (;;) {
      const current = await this.store.getRoute(route.userId);
      if (current?.sessionId !== route.sessionId) return true;
      if (Date.now() >= deadline) return false;
      await sleep(RELEASE_POLL_MS);
    }
  }

  private async user(userId: string): Promise<UserRecord> {
    const user = await this.store.findUserById(userId);
    if (!user) throw new NotFoundException(`user ${userId} does not exist`);
    return user;
  }
}
