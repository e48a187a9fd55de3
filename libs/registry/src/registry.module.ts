import { DynamicModule, Logger, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { InfraEnv } from '@cim/config';
import { MemoryRegistry } from './memory/memory-registry';
import { createZooKeeperRegistry } from './zookeeper/zookeeper-registry';
import { GATEWAY_REGISTRY, Member, REGISTRY, Registry, RegistryGroup } from './registry';

type RegistryEnv = Pick<
  InfraEnv,
  'CIM_REGISTRY' | 'CIM_ZK_CONNECT' | 'CIM_ZK_SESSION_TIMEOUT_MS' | 'CIM_ZK_ROOT'
>;

const TOKENS: Record<RegistryGroup, symbol> = { servers: REGISTRY, gateways: GATEWAY_REGISTRY };

function createRegistry(env: RegistryEnv, group: RegistryGroup): Registry<Member> {
  if (env.CIM_REGISTRY !== 'zookeeper') return new MemoryRegistry<Member>(MemoryRegistry.space(group));
  const logger = new Logger(group === 'servers' ? 'ZooKeeper' : 'ZooKeeper gateways');
  return createZooKeeperRegistry<Member>({
    connect: env.CIM_ZK_CONNECT,
    sessionTimeoutMs: env.CIM_ZK_SESSION_TIMEOUT_MS,
    rootPath: env.CIM_ZK_ROOT,
    group,
    logger: { log: (m) => logger.log(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
}

/**
 * Provides a Registry per group asked for: REGISTRY for the im-servers, GATEWAY_REGISTRY for the
 * route-gateways. ZooKeeper when CIM_REGISTRY=zookeeper (one session per group), else the process's
 * in-memory registries. Each is closed at shutdown, which withdraws what it published.
 */
@Module({})
export class RegistryModule {
  static forRoot(env: RegistryEnv, groups: RegistryGroup[] = ['servers']): DynamicModule {
    const providers: Provider[] = groups.map((group) => ({
      provide: TOKENS[group],
      useFactory: () => createRegistry(env, group),
    }));
    const closer: Provider = {
      provide: 'REGISTRY_CLOSER',
      inject: groups.map((group) => TOKENS[group]),
      useFactory: (...registries: Registry<Member>[]): OnApplicationShutdown => ({
        onApplicationShutdown: async () => {
          await Promise.all(registries.map((registry) => registry.close()));
        },
      }),
    };
    return {
      module: RegistryModule,
      global: true,
      providers: [...providers, closer],
      exports: groups.map((group) => TOKENS[group]),
    };
  }
}
