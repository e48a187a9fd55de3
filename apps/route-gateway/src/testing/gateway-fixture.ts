import { Logger } from '@nestjs/common';
import { PasswordHasher, ResumeCredentialSigner, TokenSigner } from '@cim/auth';
import { Env, loadConfig } from '@cim/config';
import { ImServerClients } from '@cim/delivery';
import { MetricsRegistry } from '@cim/observability';
import { MemoryRegistry, MemoryRegistrySpace, ServerInfo } from '@cim/registry';
import { MemoryGroupStore, MemorySessionStore, MemoryStoreMarker } from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { Deliverer } from '../delivery/deliverer';
import { MessageIdGenerator } from '@cim/protocol';
import { GroupMessagesService } from '../groups/group-messages.service';
import { GroupPresence } from '../groups/group-presence';
import { GroupsService } from '../groups/groups.service';
import { LoginService } from '../login/login.service';
import { createFailureCounters } from '../login-attempts/create-failure-counters';
import { LoginAttempts } from '../login-attempts/login-attempts';
import { ResumeAttempts } from '../login-attempts/resume-attempts';
import { SessionGrant } from '../login/session-grant';
import { ResumeService } from '../resume/resume.service';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { OnlineClaim } from '../login/online-claim';
import { SendRateLimit } from '../messages/send-rate-limit';
import { SendBatchService } from '../messages/send-batch.service';
import { MessagesService } from '../messages/messages.service';
import { BusyServers } from '../servers/busy-servers';
import { ServerDirectory } from '../servers/server-directory';
import { SessionsService } from '../sessions/sessions.service';
import { StoreEpochService } from '../store-epoch/store-epoch.service';
import { FakeImServers, serverInfo } from './fake-im-servers';

/** Lets the registry's listeners (called in microtasks) and released routes settle. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The gateway's services wired by hand on a MemorySessionStore, a MemoryRegistry of its own space in
 * which im-1 and im-2 are published, fake im-server clients and a clock the spec moves.
 */
export async function createGatewayFixture(overrides: Env = {}) {
  Logger.overrideLogger(['fatal', 'error']);
  const env = loadConfig(GatewayEnv, { CIM_SCRYPT_COST: '1024', CIM_NODE_ID: '7', ...overrides });
  const time = { now: Date.UTC(2025, 0, 1) };
  const clock = () => time.now;
  const store = new MemorySessionStore({ clock });
  const space = new MemoryRegistrySpace();
  const registry = new MemoryRegistry(space);
  const published = new Map<string, MemoryRegistry>();
  /** Publishes servers as their own im-servers would (again: a changed entry). */
  async function publish(...infos: ServerInfo[]): Promise<void> {
    for (const info of infos) {
      if (!published.has(info.id)) published.set(info.id, new MemoryRegistry(space));
      await published.get(info.id)!.register(info);
    }
    await settle();
  }
  /** Takes servers out of the registry, as if they died. */
  async function withdraw(...ids: string[]): Promise<void> {
    for (const id of ids) await published.get(id)?.close();
    for (const id of ids) published.delete(id);
    await settle();
  }
  const servers = new FakeImServers();
  const groupStore = new MemoryGroupStore(clock);
  const presence = new GroupPresence(groupStore, store);
  const clients = new ImServerClients(servers.factory);
  const directory = new ServerDirectory(registry, store, clients, presence, env, new BusyServers(clock));
  directory.onModuleInit();
  await publish(serverInfo('im-1', 9000), serverInfo('im-2', 9010));
  const hasher = new PasswordHasher({ N: env.CIM_SCRYPT_COST, r: 8, p: 1 });
  const signer = new TokenSigner(env.CIM_TOKEN_SECRET, clock);
  const online = new OnlineClaim(store, directory, env, clock);
  const metricsRegistry = new MetricsRegistry('route-gateway');
  const metrics = new GatewayMetrics(metricsRegistry, store, registry);
  const counters = createFailureCounters(env);
  const attempts = new LoginAttempts(counters, hasher, metricsRegistry);
  const credentials = new ResumeCredentialSigner(env.CIM_TOKEN_SECRET, clock);
  const grant = new SessionGrant(directory, online, signer, clock, env, metrics);
  const login = new LoginService(store, grant, credentials, online, env, metrics, attempts);
  const resume = new ResumeService(store, credentials, grant, new ResumeAttempts(counters), metrics);
  const deliverer = new Deliverer(directory, store, env, metrics);
  const ids = new MessageIdGenerator(env.CIM_NODE_ID, clock);
  const groupMessages = new GroupMessagesService(groupStore, store, ids, deliverer, env);
  const groups = new GroupsService(groupStore, store, presence, env);
  const storeMarker = new MemoryStoreMarker();
  const storeEpoch = new StoreEpochService(storeMarker);
  await storeEpoch.look();
  const rateLimit = new SendRateLimit(env);
  const messages = new MessagesService(store, ids, deliverer, env, rateLimit, groupMessages, storeEpoch);
  const sessions = new SessionsService(store, env, presence);
  const sendBatch = new SendBatchService(store, messages, metrics, storeEpoch);

  async function createUser(name: string, password = 'password-1'): Promise<string> {
    return (await store.createUser(name, await hasher.hash(password))).id;
  }

  return {
    env,
    time,
    store,
    registry,
    publish,
    withdraw,
    servers,
    directory,
    signer,
    credentials,
    login,
    resume,
    messages,
    sendBatch,
    sessions,
    storeMarker,
    storeEpoch,
    groupStore,
    groups,
    metricsRegistry,
    metrics,
    createUser,
  };
}
