import { Env } from '@cim/config';
import { serverInfo } from '../testing/fake-im-servers';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { BUSY_HALF_LIFE_MS } from './busy-servers';

/** The fixture (im-1 and im-2 live), and a login of a new user that reports `avoid` busy. */
async function placement(overrides: Env = {}) {
  const f = await createGatewayFixture(overrides);
  let users = 0;
  const logIn = async (avoid?: string) => {
    const name = `user${++users}`;
    await f.createUser(name);
    const answer = await f.login.login({ name, password: 'password-1', avoid });
    return answer.server.id;
  };
  const picks = (count: number, avoid?: string) =>
    Array.from({ length: count }, (_, i) => f.directory.pick(`${10001 + i}`, avoid)?.id);
  return { f, logIn, picks };
}

describe('placement away from busy im-servers', () => {
  it('places a login on another live server than the one that answered its client busy', async () => {
    const { logIn, picks } = await placement();
    expect(picks(4, 'im-1')).toEqual(['im-2', 'im-2', 'im-2', 'im-2']);
    expect(await logIn('im-2')).toBe('im-1');
    expect(await logIn('im-1')).toBe('im-2');
  });

  it('places it on the server it avoids when no other is live, rather than refusing it', async () => {
    const { f, logIn } = await placement();
    await f.withdraw('im-2');
    expect(await logIn('im-1')).toBe('im-1');
  });

  it('passes a server reported busy over for other logins while another has room, then takes turns again', async () => {
    const { f, logIn, picks } = await placement();
    await f.publish(serverInfo('im-3', 9020));
    expect(await logIn('im-1')).toBe('im-2');
    expect(picks(4)).toEqual(['im-3', 'im-2', 'im-3', 'im-2']);
    f.time.now += BUSY_HALF_LIFE_MS;
    expect(picks(3)).toEqual(['im-3', 'im-1', 'im-2']);
  });

  it('places a client that avoids one server away from the servers reported busy too', async () => {
    const { f, logIn } = await placement();
    await f.publish(serverInfo('im-3', 9020));
    await logIn('im-2');
    expect([await logIn('im-1'), await logIn('im-1'), await logIn()]).toEqual(['im-3', 'im-3', 'im-3']);
  });

  it('takes turns over every server again when all were reported busy', async () => {
    const { logIn, picks } = await placement();
    await logIn('im-1');
    expect(picks(2)).toEqual(['im-2', 'im-2']);
    await logIn('im-2');
    expect(picks(4).sort()).toEqual(['im-1', 'im-1', 'im-2', 'im-2']);
  });

  it('ignores an avoid naming no live server, and does not remember it for a server of that id', async () => {
    const { f, logIn, picks } = await placement();
    expect(await logIn('im-9')).toBe('im-1');
    await f.publish(serverInfo('im-9', 9090));
    expect(picks(3).sort()).toEqual(['im-1', 'im-2', 'im-9']);
  });

  it('counts the busy reports of live servers by server, and none for an id of no live server', async () => {
    const { f, logIn } = await placement();
    await logIn('im-1');
    await logIn('im-1');
    await logIn('im-2');
    await logIn('im-9');
    await logIn();
    const metric = await f.metricsRegistry.getSingleMetric('cim_busy_reports_total')?.get();
    const byServer = Object.fromEntries((metric?.values ?? []).map((v) => [v.labels.server, v.value]));
    expect(byServer).toEqual({ 'im-1': 2, 'im-2': 1 });
  });

  it('forgets a busy server that left the list and came back', async () => {
    const { f, logIn, picks } = await placement();
    await logIn('im-1');
    expect(picks(2)).toEqual(['im-2', 'im-2']);
    await f.withdraw('im-1');
    await f.publish(serverInfo('im-1', 9000));
    expect(picks(2).sort()).toEqual(['im-1', 'im-2']);
  });

  it('sends only the users of a busy server elsewhere under consistent hashing', async () => {
    const { f, logIn } = await placement({ CIM_ROUTE_STRATEGY: 'consistent-hash' });
    const users = Array.from({ length: 40 }, (_, i) => `${20001 + i}`);
    const before = users.map((u) => f.directory.pick(u)?.id);
    expect(new Set(before)).toEqual(new Set(['im-1', 'im-2']));
    await logIn('im-1');
    expect(users.map((u) => f.directory.pick(u)?.id)).toEqual(users.map(() => 'im-2'));
    f.time.now += BUSY_HALF_LIFE_MS;
    expect(users.map((u) => f.directory.pick(u)?.id)).toEqual(before);
  });
});
