import { ServerIdTakenError } from '../../errors';
import { RegistryLogger } from '../../zookeeper/zookeeper-options';
import { createZooKeeperRegistry, ZooKeeperRegistry } from '../../zookeeper/zookeeper-registry';
import { ZooKeeperProbe } from '../zookeeper-probe';
import { HostError, HostMessage, HostRequest } from './messages';

/**
 * The host process (see registry-host.ts): it holds the ZooKeeper clients and serves the test
 * process's requests over the IPC channel. It exits when that channel closes, so it never outlives
 * the test process; a test that wants to see what a crashed process leaves behind kills it.
 */

/** How often each registry's connection is looked at (it has no event for it). */
const STATE_SAMPLE_MS = 10;

const registries = new Map<number, ZooKeeperRegistry>();
const watches = new Map<number, () => void>();
const sent = new Map<number, string>();
const probes = new Map<string, Promise<ZooKeeperProbe>>();

function send(message: HostMessage): void {
  process.send?.(message);
}

/** Sends the registry's connection state if it changed since it was last sent (or always, when `force`). */
function sendState(registry: number, force = false): void {
  const hosted = registries.get(registry);
  if (!hosted) return;
  const state: HostMessage = {
    type: 'state',
    registry,
    connected: hosted.isConnected(),
    session: hosted.sessionCredentials(),
  };
  const text = JSON.stringify(state);
  if (!force && sent.get(registry) === text) return;
  sent.set(registry, text);
  send(state);
}

/**
 * One probe per ZooKeeper, kept while it is connected: a session per question would churn through
 * sockets (and so descriptors) as fast as a test polls. One that lost its connection is replaced: after
 * a restart that lost ZooKeeper's data, its old session would be refused for good.
 */
function probe(connect: string): Promise<ZooKeeperProbe> {
  let opening = probes.get(connect);
  if (!opening) {
    opening = ZooKeeperProbe.open(connect);
    probes.set(connect, opening);
    opening.catch(() => probes.delete(connect));
  }
  const asked = opening;
  return asked.then((open) => {
    if (open.usable) return open;
    if (probes.get(connect) === asked) {
      open.close();
      probes.delete(connect);
    }
    return probe(connect);
  });
}

function hosted(registry: number): ZooKeeperRegistry {
  const found = registries.get(registry);
  if (!found) throw new Error(`no registry ${registry} in the host`);
  return found;
}

async function handle(request: HostRequest): Promise<unknown> {
  switch (request.op) {
    case 'create': {
      const { registry } = request;
      const to = (level: 'log' | 'warn' | 'error') => (message: string) =>
        send({ type: 'log', registry, level, message });
      const logger: RegistryLogger = { log: to('log'), warn: to('warn'), error: to('error') };
      registries.set(registry, createZooKeeperRegistry({ ...request.options, logger }));
      return undefined;
    }
    case 'register':
      return hosted(request.registry).register(request.info);
    case 'deregister':
      return hosted(request.registry).deregister();
    case 'list':
      return hosted(request.registry).list();
    case 'close':
      return hosted(request.registry).close();
    case 'watch': {
      const stop = hosted(request.registry).watch((servers) =>
        send({ type: 'servers', watch: request.watch, servers }),
      );
      watches.set(request.watch, stop);
      return undefined;
    }
    case 'unwatch':
      watches.get(request.watch)?.();
      watches.delete(request.watch);
      return undefined;
    case 'owner':
      return (await probe(request.connect)).owner(request.path);
    case 'expire':
      return ZooKeeperProbe.expire(request.connect, request.credentials);
  }
}

function hostError(error: unknown): HostError {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return error instanceof ServerIdTakenError
    ? { name, message, serverId: error.serverId }
    : { name, message };
}

process.on('message', (request: HostRequest) => {
  void handle(request).then(
    (result) => {
      if ('registry' in request) sendState(request.registry, true);
      send({ type: 'reply', id: request.id, result });
    },
    (error: unknown) => send({ type: 'reply', id: request.id, error: hostError(error) }),
  );
});

const sampler = setInterval(() => registries.forEach((_, id) => sendState(id)), STATE_SAMPLE_MS);

process.on('disconnect', () => {
  clearInterval(sampler);
  probes.forEach((opening) => opening.then((open) => open.close()).catch(() => undefined));
  void Promise.all([...registries.values()].map((r) => r.close())).then(() => process.exit(0));
});

send({ type: 'ready' });
