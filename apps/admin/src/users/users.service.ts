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
import {
  deviceIdOf,
  DEFAULT_DEVICE_KIND,
  Route,
  SESSION_STORE,
  SessionStore,
  UserRecord,
} from '@cim/session-store';
import { AdminEnv } from '../config/admin.env';
import { LiveServers } from '../servers/live-servers';
import { DeviceView } from './dto/device.view';
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
      this.store.routesOfMany(page.userIds),
      Promise.all(page.userIds.map((id) => this.store.findUserById(id))),
    ]);
    const online = page.userIds.flatMap((userId, i) => {
      const [first] = routes[i];
      const user = users[i];
      if (!first || !user) return [];
      return [
        {
          userId,
          name: user.name,
          serverId: first.serverId,
          since: first.since,
          devices: routes[i].map(deviceView),
        },
      ];
    });
    return { cursor: page.cursor, users: online };
  }

  async state(userId: string): Promise<UserState> {
    const user = await this.user(userId);
    const [routes, inboxSize, unacked] = await Promise.all([
      this.store.routesOf(userId),
      this.store.inboxSize(userId),
      this.store.unackedSize(userId),
    ]);
    const [first] = routes;
    return {
      userId,
      name: user.name,
      createdAt: user.createdAt,
      online: first !== undefined,
      serverId: first?.serverId ?? null,
      since: first?.since ?? null,
      devices: routes.map(deviceView),
      inboxSize,
      unacked,
    };
  }

  /**
   * Closes the connection of the user's device (`deviceId`), or of each of their devices (its im-server
   * sends KICKED) and answers once those are offline: once each kicked login's route is gone. The
   * im-server releases it as the connection closes; when the server could not be reached, did not hold
   * that connection, or has not released the route within CIM_RPC_TIMEOUT_MS, the admin releases it
   * itself. Every resume credential of the user is revoked first, so that no device of theirs comes
   * back without the password.
   */
  async kick(userId: string, reason = DEFAULT_KICK_REASON, deviceId?: string): Promise<KickResponse> {
    await this.user(userId);
    const all = await this.store.routesOf(userId);
    const routes = deviceId === undefined ? all : all.filter((r) => deviceIdOf(r) === deviceId);
    if (routes.length === 0) {
      throw new ConflictException(
        deviceId === undefined
          ? `user ${userId} is not online`
          : `user ${userId} is not online on device ${deviceId}`,
      );
    }
    await this.store.revokeResumes(userId);
    const kicked = await Promise.all(routes.map((route) => this.kickRoute(route, reason)));
    return { serverId: routes[0].serverId, kicked: kicked.every(Boolean), devices: routes.map(deviceIdOf) };
  }

  /** Kicks one device's login; answers whether its im-server closed the connection. */
  private async kickRoute(route: Route, reason: string): Promise<boolean> {
    const kicked = await this.closeConnection(route, reason);
    const releasedByServer = kicked && (await this.released(route));
    if (!releasedByServer) await this.store.releaseOnline(route.userId, route.sessionId);
    const releasedBy = releasedByServer ? 'im-server' : 'admin';
    const { userId, serverId } = route;
    this.logger.log({
      msg: 'kicked a device',
      userId,
      deviceId: deviceIdOf(route),
      serverId,
      kicked,
      releasedBy,
    });
    return kicked;
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

  /** Whether the route's session stops being current within CIM_RPC_TIMEOUT_MS. */
  private async released(route: Route): Promise<boolean> {
    const deadline = Date.now() + this.env.CIM_RPC_TIMEOUT_MS;
    for (;;) {
      const current = await this.store.routesOf(route.userId);
      if (!current.some((r) => r.sessionId === route.sessionId)) return true;
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

function deviceView(route: Route): DeviceView {
  const { serverId, since } = route;
  return { deviceId: deviceIdOf(route), kind: route.deviceKind ?? DEFAULT_DEVICE_KIND, serverId, since };
}
