import { ConflictException, UnauthorizedException } from '@nestjs/common';
import { ImServerPatterns } from '@cim/protocol';
import { GatewayError } from '../errors/gateway-error';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { serverInfo } from '../testing/fake-im-servers';

describe('LoginService', () => {
  it('logs a user in on a live server, saves the route and signs a token for that session', async () => {
    const f = await createGatewayFixture();
    const id = await f.createUser('alice');
    const answer = await f.login.login({ name: 'alice', password: 'password-1' });
    expect(answer).toMatchObject({
      userId: id,
      name: 'alice',
      server: { id: 'im-1', host: 'im-1.test', port: 9000, tls: false, carrier: 'tcp' },
    });
    const claims = f.signer.verify(answer.token);
    expect(claims).toMatchObject({ sub: id, name: 'alice', srv: 'im-1' });
    expect(answer.expiresAt).toBe(f.time.now + f.env.CIM_TOKEN_TTL_MS);
    expect(await f.store.getRoute(id)).toEqual({
      userId: id,
      deviceId: 'default',
      deviceKind: 'other',
      serverId: 'im-1',
      sessionId: claims.sid,
      since: f.time.now,
    });
  });

  it('names the WebSocket URL to a client that asks for that carrier, and says whether TLS is on', async () => {
    const f = await createGatewayFixture();
    const wsUrl = 'wss://im-1.example:9003/';
    await f.withdraw('im-2');
    await f.publish({ ...serverInfo('im-1', 9000), wsUrl, tls: true });
    await f.createUser('alice');
    const answer = await f.login.login({ name: 'alice', password: 'password-1', carrier: 'websocket' });
    expect(answer.server).toEqual({
      id: 'im-1',
      host: 'im-1.test',
      port: 9000,
      tls: true,
      carrier: 'websocket',
      url: wsUrl,
    });
  });

  it('answers Unavailable to a WebSocket client when the server picked offers no WebSocket carrier', async () => {
    const f = await createGatewayFixture();
    await f.createUser('alice');
    await expect(
      f.login.login({ name: 'alice', password: 'password-1', carrier: 'websocket' }),
    ).rejects.toThrow(/offers no WebSocket carrier/);
  });

  it('logs a user in by user id', async () => {
    const f = await createGatewayFixture();
    const id = await f.createUser('alice');
    await expect(f.login.login({ userId: id, password: 'password-1' })).resolves.toMatchObject({
      name: 'alice',
    });
  });

  it('gives the same answer for an unknown user, a wrong password and a name that is not the id', async () => {
    const f = await createGatewayFixture();
    const id = await f.createUser('alice');
    await f.createUser('bob');
    for (const credentials of [
      { name: 'nobody', password: 'password-1' },
      { name: 'alice', password: 'password-2' },
      { userId: '99999', password: 'password-1' },
      { userId: id, name: 'bob', password: 'password-1' },
    ]) {
      await expect(f.login.login(credentials)).rejects.toThrow(
        new UnauthorizedException('wrong user name, user id or password'),
      );
    }
    expect(await f.store.countOnline()).toBe(0);
  });

  it('answers Unavailable when no im-server is live', async () => {
    const f = await createGatewayFixture();
    await f.createUser('alice');
    await f.withdraw('im-1', 'im-2');
    await expect(f.login.login({ name: 'alice', password: 'password-1' })).rejects.toThrow(
      new GatewayError('Unavailable', 'no im-server available'),
    );
  });

  it('picks servers with the configured strategy', async () => {
    const f = await createGatewayFixture({ CIM_ROUTE_STRATEGY: 'round-robin' });
    const names = ['a1', 'a2', 'a3'];
    for (const name of names) await f.createUser(name);
    const picked = [];
    for (const name of names) picked.push((await f.login.login({ name, password: 'password-1' })).server.id);
    expect(picked).toEqual(['im-1', 'im-2', 'im-1']);
  });

  it('does not count a refused login as a round-robin turn', async () => {
    const f = await createGatewayFixture({ CIM_ROUTE_STRATEGY: 'round-robin' });
    for (const name of ['a1', 'a2', 'a3']) await f.createUser(name);
    const picked = [(await f.login.login({ name: 'a1', password: 'password-1' })).server.id];
    await expect(f.login.login({ name: 'a1', password: 'password-1' })).rejects.toThrow(ConflictException);
    for (const name of ['a2', 'a3'])
      picked.push((await f.login.login({ name, password: 'password-1' })).server.id);
    expect(picked).toEqual(['im-1', 'im-2', 'im-1']);
  });

  describe('a login whose connection never arrives', () => {
    it('is neither listed nor counted, and is forgotten after the connect grace', async () => {
      const f = await createGatewayFixture();
      const id = await f.createUser('alice');
      const first = f.signer.verify((await f.login.login({ name: 'alice', password: 'password-1' })).token);
      expect(await f.store.countOnline()).toBe(0);
      expect(await f.store.listOnline('0', 10)).toEqual({ cursor: '0', userIds: [] });
      f.time.now += f.env.CIM_CONNECT_GRACE_MS;
      expect(await f.store.getRoute(id)).toBeNull();
      await expect(
        f.sessions.opened({ userId: id, serverId: first.srv, sessionId: first.sid }),
      ).rejects.toThrow(/session has ended/);
      await expect(f.login.login({ name: 'alice', password: 'password-1' })).resolves.toMatchObject({
        userId: id,
      });
      expect(f.servers.callsOf(ImServerPatterns.SessionStatus)).toEqual([]);
    });

    it('is online once its connection confirms it, and stays past the grace', async () => {
      const f = await createGatewayFixture();
      const id = await f.createUser('alice');
      const claims = f.signer.verify((await f.login.login({ name: 'alice', password: 'password-1' })).token);
      await f.sessions.opened({ userId: id, serverId: claims.srv, sessionId: claims.sid });
      f.time.now += f.env.CIM_CONNECT_GRACE_MS;
      expect(await f.store.listOnline('0', 10)).toEqual({ cursor: '0', userIds: [id] });
      expect((await f.store.getRoute(id))?.sessionId).toBe(claims.sid);
    });
  });

  describe('a user who is already online', () => {
    /** Alice logged in; `connected`: her connection's LOGIN confirmed the route. */
    async function onlineAlice(overrides = {}, connected = true) {
      const f = await createGatewayFixture(overrides);
      const id = await f.createUser('alice');
      const first = await f.login.login({ name: 'alice', password: 'password-1' });
      const firstSid = f.signer.verify(first.token).sid;
      if (connected) await f.sessions.opened({ userId: id, serverId: first.server.id, sessionId: firstSid });
      return { f, id, first, firstSid };
    }
    const again = { name: 'alice', password: 'password-1' };

    it('is refused while their login is still connecting, without asking their server', async () => {
      const { f } = await onlineAlice({}, false);
      f.time.now += f.env.CIM_CONNECT_GRACE_MS - 1;
      await expect(f.login.login(again)).rejects.toThrow(
        new ConflictException('user alice is already online'),
      );
      expect(f.servers.callsOf(ImServerPatterns.SessionStatus)).toHaveLength(0);
    });

    it('is refused when their server says the session is connected', async () => {
      const { f, id, firstSid } = await onlineAlice();
      await expect(f.login.login(again)).rejects.toThrow(ConflictException);
      expect(f.servers.callsOf(ImServerPatterns.SessionStatus)).toEqual([
        {
          serverId: 'im-1',
          pattern: ImServerPatterns.SessionStatus,
          payload: { userId: id, sessionId: firstSid },
        },
      ]);
      expect((await f.store.getRoute(id))?.sessionId).toBe(firstSid);
    });

    it.each([
      [
        'its server says the session is not connected',
        (f: Fixture) =>
          f.servers.answer('im-1', ImServerPatterns.SessionStatus, () => ({ connected: false })),
      ],
      ['its server cannot be reached', (f: Fixture) => f.servers.fail('im-1')],
      [
        'its server left the registry and does not answer',
        async (f: Fixture) => {
          await f.withdraw('im-1');
          f.servers.fail('im-1');
        },
      ],
    ])('logs in again when the old route is stale: %s', async (_case, makeStale) => {
      const { f, id, firstSid } = await onlineAlice();
      await makeStale(f);
      const second = await f.login.login(again);
      const route = await f.store.getRoute(id);
      expect(route?.sessionId).toBe(f.signer.verify(second.token).sid);
      expect(route?.sessionId).not.toBe(firstSid);
    });

    it('refuses a second login while the first is connected to a server that left the registry but answers', async () => {
      const { f, id, firstSid } = await onlineAlice();
      await f.withdraw('im-1');
      await expect(f.login.login(again)).rejects.toThrow('already online');
      expect((await f.store.getRoute(id))?.sessionId).toBe(firstSid);
    });

    it('logs in again while the old login is connecting to a server that is gone', async () => {
      const { f, id } = await onlineAlice({}, false);
      jest.spyOn(f.registry, 'isConnected').mockReturnValue(false);
      await f.withdraw('im-1');
      const second = await f.login.login(again);
      expect((await f.store.getRoute(id))?.sessionId).toBe(f.signer.verify(second.token).sid);
    });

    it('logs in again, elsewhere, while the old login is connecting to a listed server whose RPC port refuses', async () => {
      const { f, id } = await onlineAlice({}, false);
      f.servers.refuse('im-1');
      await expect(f.directory.call('im-1', ImServerPatterns.Stats, {})).rejects.toThrow('ECONNREFUSED');
      expect(f.directory.isLive('im-1')).toBe(true);
      const calls = f.servers.calls.length;
      const second = await f.login.login(again);
      expect(second.server.id).toBe('im-2');
      expect((await f.store.getRoute(id))?.sessionId).toBe(f.signer.verify(second.token).sid);
      expect(f.servers.calls.slice(calls)).toEqual([]);
    });

    it('kicks the old connection under the kick policy', async () => {
      const { f, id, firstSid } = await onlineAlice({ CIM_LOGIN_POLICY: 'kick' });
      const second = await f.login.login(again);
      expect((await f.store.getRoute(id))?.sessionId).toBe(f.signer.verify(second.token).sid);
      expect(f.servers.callsOf(ImServerPatterns.Kick)).toEqual([
        {
          serverId: 'im-1',
          pattern: ImServerPatterns.Kick,
          payload: { userId: id, sessionId: firstSid, reason: 'logged in elsewhere' },
        },
      ]);
    });
  });

  it('logs out: the route is cleared and the connection kicked', async () => {
    const f = await createGatewayFixture();
    const id = await f.createUser('alice');
    const claims = f.signer.verify((await f.login.login({ name: 'alice', password: 'password-1' })).token);
    expect(await f.store.confirmOnline({ userId: id, serverId: claims.srv, sessionId: claims.sid })).toBe(
      true,
    );
    await f.login.logout(claims);
    expect(await f.store.getRoute(id)).toBeNull();
    expect(f.servers.callsOf(ImServerPatterns.Kick).map((c) => c.payload)).toEqual([
      { userId: id, sessionId: claims.sid, reason: 'logged out' },
    ]);
  });

  it('logs out a login whose connection never confirmed it without calling its server, which holds no such session', async () => {
    const f = await createGatewayFixture();
    const id = await f.createUser('alice');
    const claims = f.signer.verify((await f.login.login({ name: 'alice', password: 'password-1' })).token);
    await f.login.logout(claims);
    expect(await f.store.getRoute(id)).toBeNull();
    expect(f.servers.callsOf(ImServerPatterns.Kick)).toEqual([]);
    // The LOGIN of that session, should it still arrive, finds nothing to confirm.
    expect(await f.store.confirmOnline({ userId: id, serverId: claims.srv, sessionId: claims.sid })).toBe(
      false,
    );
  });
});

type Fixture = Awaited<ReturnType<typeof createGatewayFixture>>;
