import { ConflictException } from '@nestjs/common';
import { ImServerPatterns } from '@cim/protocol';
import { Env } from '@cim/config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { LoginRequest } from './dto/login.request';

/** Alice, and a login of hers on each device named (connected, so her routes are online). */
async function alice(overrides: Env = {}) {
  const f = await createGatewayFixture(overrides);
  const id = await f.createUser('alice');
  const login = async (deviceId?: string, deviceKind?: 'terminal' | 'web' | 'mobile' | 'other') => {
    const answer = await f.login.login({ name: 'alice', password: 'password-1', deviceId, deviceKind });
    const claims = f.signer.verify(answer.token);
    await f.sessions.opened({ userId: id, serverId: claims.srv, sessionId: claims.sid, deviceId });
    return { answer, claims };
  };
  return { f, id, login };
}

describe('logins on several devices', () => {
  it('keeps the user online on each device, with a token bound to the device', async () => {
    const { f, id, login } = await alice();
    const phone = await login('phone', 'mobile');
    const laptop = await login('laptop', 'terminal');
    expect(phone.answer.device).toEqual({ id: 'phone', kind: 'mobile' });
    expect(laptop.claims).toMatchObject({ dev: 'laptop', dk: 'terminal' });
    expect((await f.store.routesOf(id)).map((r) => [r.deviceId, r.deviceKind, r.sessionId])).toEqual([
      ['laptop', 'terminal', laptop.claims.sid],
      ['phone', 'mobile', phone.claims.sid],
    ]);
    expect(f.servers.callsOf(ImServerPatterns.Kick)).toEqual([]);
    expect(await f.store.listOnline('0', 10)).toEqual({ cursor: '0', userIds: [id] });
  });

  it('gives a login that names no device the default one, which a second such login meets', async () => {
    const { f, login } = await alice();
    const first = await login();
    expect(first.answer.device).toEqual({ id: 'default', kind: 'other' });
    await expect(login()).rejects.toThrow(new ConflictException('user alice is already online'));
    await login('phone');
    expect(f.servers.callsOf(ImServerPatterns.Kick)).toEqual([]);
  });

  it('refuses a second login of the same device under the refuse policy, naming the device', async () => {
    const { login } = await alice();
    await login('phone');
    await expect(login('phone')).rejects.toThrow(
      new ConflictException('user alice is already online on device phone'),
    );
  });

  it('kicks only the same device under the kick policy', async () => {
    const { f, id, login } = await alice({ CIM_LOGIN_POLICY: 'kick' });
    const first = await login('phone');
    await login('laptop');
    const again = await login('phone');
    expect(f.servers.callsOf(ImServerPatterns.Kick).map((c) => c.payload)).toEqual([
      { userId: id, sessionId: first.claims.sid, reason: 'logged in elsewhere' },
    ]);
    expect((await f.store.getRoute(id, 'phone'))?.sessionId).toBe(again.claims.sid);
    expect(await f.store.getRoute(id, 'laptop')).not.toBeNull();
  });

  it('refuses a device beyond CIM_MAX_DEVICES, unless one of the others is stale', async () => {
    const { f, id, login } = await alice({ CIM_MAX_DEVICES: '2' });
    const a = await login('a');
    await login('b');
    await expect(login('c')).rejects.toThrow(
      new ConflictException('user alice is online on 2 devices already, the most allowed'),
    );
    f.time.now += f.env.CIM_CONNECT_GRACE_MS;
    f.servers.answer(a.claims.srv, ImServerPatterns.SessionStatus, (p) => ({
      connected: (p as { sessionId: string }).sessionId !== a.claims.sid,
    }));
    await login('c');
    expect((await f.store.routesOf(id)).map((r) => r.deviceId)).toEqual(['b', 'c']);
  });

  it('lets another device of the same kind be, refuses it or kicks it, as CIM_SAME_KIND_POLICY says', async () => {
    const allow = await alice();
    await allow.login('t1', 'terminal');
    await allow.login('t2', 'terminal');
    expect(await allow.f.store.routesOf(allow.id)).toHaveLength(2);

    const refuse = await alice({ CIM_SAME_KIND_POLICY: 'refuse' });
    await refuse.login('t1', 'terminal');
    await refuse.login('w1', 'web');
    await expect(refuse.login('t2', 'terminal')).rejects.toThrow(
      new ConflictException('user alice is already online on another terminal device (t1)'),
    );

    const kick = await alice({ CIM_SAME_KIND_POLICY: 'kick' });
    const t1 = await kick.login('t1', 'terminal');
    await kick.login('w1', 'web');
    await kick.login('t2', 'terminal');
    expect((await kick.f.store.routesOf(kick.id)).map((r) => r.deviceId)).toEqual(['t2', 'w1']);
    expect(kick.f.servers.callsOf(ImServerPatterns.Kick).map((c) => c.payload)).toEqual([
      { userId: kick.id, sessionId: t1.claims.sid, reason: 'logged in on another terminal device' },
    ]);
  });

  it('refuses a device id or kind that is not one, naming it', () => {
    const problems = (body: object) =>
      validateSync(plainToInstance(LoginRequest, { name: 'alice', password: 'password-1', ...body })).flatMap(
        (e) => Object.values(e.constraints ?? {}),
      );
    expect(problems({ deviceId: 'a b' })).toEqual([
      'deviceId must be 1 to 64 letters, digits, ".", "_", ":" or "-"',
    ]);
    expect(problems({ deviceKind: 'fridge' })).toEqual([
      'deviceKind must be one of: terminal, web, mobile, other',
    ]);
    expect(problems({ deviceId: 'laptop-3f9c', deviceKind: 'terminal' })).toEqual([]);
  });
});
