import { ImServerPatterns } from '@cim/protocol';
import { FakeImServers, serverInfo } from '../testing/fake-im-servers';
import { ImServerCallError } from './im-server-client';
import { ImServerClients, PASS_OVER_FAILED_MS } from './im-server-clients';

function setUp() {
  const servers = new FakeImServers();
  const time = { now: 1_000 };
  const clients = new ImServerClients(servers.factory, undefined, () => time.now);
  return { servers, clients, time };
}

describe('ImServerClients', () => {
  it('makes one client per listed server, and a new one when a server comes back at another address', async () => {
    const { servers, clients } = setUp();
    expect(
      clients.update([serverInfo('im-1', 9000), serverInfo('im-2', 9010)]).added.map((s) => s.id),
    ).toEqual(['im-1', 'im-2']);
    expect(clients.update([serverInfo('im-1', 9000), serverInfo('im-2', 9010)])).toEqual({
      added: [],
      removed: [],
    });
    const moved = clients.update([serverInfo('im-1', 9500), serverInfo('im-2', 9010)]);
    expect(moved).toEqual({ added: [serverInfo('im-1', 9500)], removed: [] });
    expect(servers.closed).toEqual(['im-1']);
    await clients.call('im-1', ImServerPatterns.Stats, {});
    expect(servers.calls).toEqual([{ serverId: 'im-1', pattern: ImServerPatterns.Stats, payload: {} }]);
  });

  it('closes the clients of servers no longer listed and reports them removed', () => {
    const { servers, clients } = setUp();
    clients.update([serverInfo('im-1'), serverInfo('im-2', 9010)]);
    expect(clients.update([serverInfo('im-2', 9010)]).removed).toEqual(['im-1']);
    expect(servers.closed).toEqual(['im-1']);
    expect(clients.isLive('im-1')).toBe(false);
    expect(clients.isLive('im-2')).toBe(true);
  });

  it('refuses to call a server that is not listed', async () => {
    const { clients } = setUp();
    await expect(clients.call('im-9', ImServerPatterns.Kick, {})).rejects.toThrow(ImServerCallError);
  });

  it('leaves a server whose last call failed out of answering() for a few seconds, and all when all failed', async () => {
    const { servers, clients, time } = setUp();
    const listed = [serverInfo('im-1'), serverInfo('im-2', 9010)];
    clients.update(listed);
    servers.fail('im-1');
    await expect(clients.call('im-1', ImServerPatterns.Stats, {})).rejects.toThrow(ImServerCallError);
    expect(clients.answering(listed).map((s) => s.id)).toEqual(['im-2']);
    time.now += PASS_OVER_FAILED_MS + 1;
    expect(clients.answering(listed).map((s) => s.id)).toEqual(['im-1', 'im-2']);
    servers.fail('im-2');
    await expect(clients.call('im-1', ImServerPatterns.Stats, {})).rejects.toThrow(ImServerCallError);
    await expect(clients.call('im-2', ImServerPatterns.Stats, {})).rejects.toThrow(ImServerCallError);
    expect(clients.answering(listed).map((s) => s.id)).toEqual(['im-1', 'im-2']);
  });

  it('leaves a server whose RPC port refused out of answering() until a call succeeds or a new run is listed', async () => {
    const { servers, clients, time } = setUp();
    const listed = [
      { ...serverInfo('im-1'), incarnation: 'run-1' },
      { ...serverInfo('im-2', 9010), incarnation: 'run-1' },
    ];
    clients.update(listed);
    servers.refuse('im-1');
    await expect(clients.call('im-1', ImServerPatterns.Stats, {})).rejects.toThrow(ImServerCallError);
    time.now += 60 * PASS_OVER_FAILED_MS;
    expect(clients.refusing('im-1')).toBe(true);
    expect(clients.answering(listed).map((s) => s.id)).toEqual(['im-2']);

    clients.update(listed);
    expect(clients.refusing('im-1')).toBe(true);
    const nextRun = [{ ...listed[0], incarnation: 'run-2' }, listed[1]];
    clients.update(nextRun);
    expect(clients.answering(nextRun).map((s) => s.id)).toEqual(['im-1', 'im-2']);

    await expect(clients.call('im-1', ImServerPatterns.Stats, {})).rejects.toThrow(ImServerCallError);
    servers.heal('im-1');
    await clients.call('im-1', ImServerPatterns.Stats, {});
    expect(clients.refusing('im-1')).toBe(false);
  });

  it('closes every client at the end', async () => {
    const { servers, clients } = setUp();
    clients.update([serverInfo('im-1'), serverInfo('im-2', 9010)]);
    await clients.closeAll();
    expect(servers.closed.sort()).toEqual(['im-1', 'im-2']);
    expect(clients.isLive('im-1')).toBe(false);
  });
});
