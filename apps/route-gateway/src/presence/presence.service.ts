import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_DEVICE_KIND, deviceIdOf, Route, SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayError } from '../errors/gateway-error';
import { OnlineUsersPage } from './dto/online-users.response';

@Injectable()
export class PresenceService {
  constructor(@Inject(SESSION_STORE) private readonly store: SessionStore) {}

  /**
   * One page of the online users, SCAN-style: a user online throughout a walk appears in it once, with
   * the devices they are online on (or logging in from).
   */
  async onlineUsers(cursor: string, count: number): Promise<OnlineUsersPage> {
    const page = await this.listOnline(cursor, count);
    const [users, routes] = await Promise.all([
      Promise.all(page.userIds.map((id) => this.store.findUserById(id))),
      this.store.routesOfMany(page.userIds),
    ]);
    return {
      cursor: page.cursor,
      users: users.flatMap((u, i) =>
        u === null
          ? []
          : [{ userId: u.id, name: u.name, devices: routes[i].map((route) => deviceOf(route)) }],
      ),
    };
  }

  private async listOnline(cursor: string, count: number) {
    try {
      return await this.store.listOnline(cursor, count);
    } catch (error) {
      if (error instanceof RangeError) throw new GatewayError('BadRequest', `invalid cursor "${cursor}"`);
      throw error;
    }
  }
}

function deviceOf(route: Route): { deviceId: string; kind: string } {
  return { deviceId: deviceIdOf(route), kind: route.deviceKind ?? DEFAULT_DEVICE_KIND };
}
