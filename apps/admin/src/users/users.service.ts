import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { ImServerClients } from '@cim/delivery';
import { ImServerPatterns, KickRequest } from '@cim/protocol';
import { SESSION_STORE, SessionStore, UserRecord } from '@cim/session-store';
import { LiveServers } from '../servers/live-servers';
import { KickResponse } from './dto/kick.response';
import { OnlineUsersPage } from './dto/online-users.response';
import { UserState } from './dto/user-state.response';

const DEFAULT_KICK_REASON = 'kicked by an operator';

/** Who is online, one user's state, and kicking a user off. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('UsersService');

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly live: LiveServers,
    private readonly calls: ImServerClients,
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
   * Closes the user's connection (its im-server sends KICKED) and releases their route, so that they
   * are offline even when their server could not be reached.
   */
  async kick(userId: string, reason = DEFAULT_KICK_REASON): Promise<KickResponse> {
    await this.user(userId);
    const route = await this.store.getRoute(userId);
    if (!route) throw new ConflictException(`user ${userId} is not online`);
    const server = (await this.live.list()).find((s) => s.id === route.serverId);
    const request: KickRequest = { userId, sessionId: route.sessionId, reason };
    const kicked = server
      ? await this.calls.call<{ kicked: boolean }>(server.id, ImServerPatterns.Kick, request).then(
          (reply) => reply?.kicked === true,
          (error: Error) => {
            this.logger.warn(`kicking user ${userId}: ${error.message}`);
            return false;
          },
        )
      : false;
    const released = await this.store.releaseOnline(userId, route.sessionId);
    this.logger.log({ msg: 'kicked a user', userId, serverId: route.serverId, kicked, released });
    return { serverId: route.serverId, kicked, released };
  }

  private async user(userId: string): Promise<UserRecord> {
    const user = await this.store.findUserById(userId);
    if (!user) throw new NotFoundException(`user ${userId} does not exist`);
    return user;
  }
}
