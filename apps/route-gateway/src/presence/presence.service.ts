import { Inject, Injectable } from '@nestjs/common';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayError } from '../errors/gateway-error';
import { OnlineUsersPage } from './dto/online-users.response';

@Injectable()
export class PresenceService {
  constructor(@Inject(SESSION_STORE) private readonly store: SessionStore) {}

  /** One page of the online users, SCAN-style: a user online throughout a walk appears in it once. */
  async onlineUsers(cursor: string, count: number): Promise<OnlineUsersPage> {
    const page = await this.listOnline(cursor, count);
    const users = await Promise.all(page.userIds.map((id) => this.store.findUserById(id)));
    return {
      cursor: page.cursor,
      users: users.filter((u) => u !== null).map((u) => ({ userId: u.id, name: u.name })),
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
