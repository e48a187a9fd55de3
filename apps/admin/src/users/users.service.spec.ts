import { Logger } from '@nestjs/common';
import { loadConfig } from '@cim/config';
import { ImServerClients } from '@cim/delivery';
import { KickRequest } from '@cim/protocol';
import { ServerInfo } from '@cim/registry';
import { MemorySessionStore, Route } from '@cim/session-store';
import { AdminEnv } from '../config/admin.env';
import { LiveServers } from '../servers/live-servers';
import { UsersService } from './users.service';

const RPC_TIMEOUT_MS = 300;
const server = { id: 'im-1', rpcHost: '127.0.0.1', rpcPort: 1 } as ServerInfo;

/**
 * The kick on an in-memory store, with the im-server's answer (and whether it releases the route as
 * the connection closes, which the real one does through the route-gateway) played by the test.
 */
function setUp(imServer: (request: KickRequest, store: MemorySessionStore) => Promise<{ kicked: boolean }>) {
  Logger.overrideLogger(false);
  const store = new MemorySessionStore();
  const calls = {
    call: (_serverId: string, _pattern: string, request: KickRequest) => imServer(request, store),
  } as unknown as ImServerClients;
  const live = { list: async () => [server] } as unknown as LiveServers;
  const env = loadConfig(AdminEnv, { CIM_RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) });
  return { store, users: new UsersService(store, live, calls, env) };
}

async function online(store: MemorySessionStore, sessionId = 's1'): Promise<Route> {
  const user = await store.createUser('dan', 'hash');
  const route = { userId: user.id, serverId: 'im-1', sessionId, since: 1 };
  await store.claimOnline(route);
  return route;
}

describe('UsersService.kick', () => {
  it('answers once the im-server has closed the connection and released the route', async () => {
    const { store, users } = setUp(async ({ userId, sessionId }, s) => {
      // The close handler's release reaches the store a little after the kick's answer.
      setTimeout(() => void s.releaseOnline(userId, sessionId!), 50);
      return { kicked: true };
    });
    const route = await online(store);
    const release = jest.spyOn(store, 'releaseOnline');
    expect(await users.kick(route.userId, 'spamming')).toEqual({
      serverId: 'im-1',
      kicked: true,
      devices: ['default'],
    });
    expect(await store.getRoute(route.userId)).toBeNull();
    expect(release).toHaveBeenCalledTimes(1);
  });

  it("revokes the user's resume credentials before closing the connection", async () => {
    const { store, users } = setUp(async ({ userId }, s) => {
      expect(await s.resumeGeneration(userId)).toBe(1);
      return { kicked: true };
    });
    const route = await online(store);
    await users.kick(route.userId);
    expect(await store.resumeGeneration(route.userId)).toBe(1);
  });

  it('takes the user offline itself when the im-server cannot be reached', async () => {
    const { store, users } = setUp(() => Promise.reject(new Error('ECONNREFUSED')));
    const route = await online(store);
    expect(await users.kick(route.userId)).toEqual({ serverId: 'im-1', kicked: false, devices: ['default'] });
    expect(await store.getRoute(route.userId)).toBeNull();
  });

  it('takes the user offline itself when the im-server closed the connection but released nothing in time', async () => {
    const { store, users } = setUp(async () => ({ kicked: true }));
    const route = await online(store);
    const started = Date.now();
    expect(await users.kick(route.userId)).toEqual({ serverId: 'im-1', kicked: true, devices: ['default'] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(RPC_TIMEOUT_MS - 10);
    expect(await store.getRoute(route.userId)).toBeNull();
  });

  it('leaves alone a newer login that replaced the kicked one meanwhile', async () => {
    const { store, users } = setUp(async ({ userId }, s) => {
      await s.replaceOnline({ userId, serverId: 'im-1', sessionId: 's2', since: 2 });
      return { kicked: true };
    });
    const route = await online(store);
    expect(await users.kick(route.userId)).toEqual({ serverId: 'im-1', kicked: true, devices: ['default'] });
    expect(await store.getRoute(route.userId)).toMatchObject({ sessionId: 's2' });
  });

  it('answers 409 for a user who is not online', async () => {
    const { store, users } = setUp(async () => ({ kicked: true }));
    const user = await store.createUser('eve', 'hash');
    await expect(users.kick(user.id)).rejects.toThrow(`user ${user.id} is not online`);
  });
});
