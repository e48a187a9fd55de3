import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { InfraEnv } from '@cim/config';
import { MemoryRegistry } from './memory/memory-registry';
import { createZooKeeperRegistry } from './zookeeper/zookeeper-registry';
import { REGISTRY, Registry } from './registry';

@Injectable()
class RegistryCloser implements OnApplicationShutdown {
  constructor(@Inject(REGISTRY) private readonly registry: Registry) {}

  async onApplicationShutdown(): Promise<void> {
    await this.registry.close();
  }
}

type RegistryEnv = Pick<
  InfraEnv,
  'CIM_REGISTRY' | 'CIM_ZK_CONNECT' | 'CIM_ZK_SESSION_TIMEOUT_MS' | 'CIM_ZK_ROOT'
>;

/** Provides REGISTRY: ZooKeeper when CIM_REGISTRY=zookeeper, else the process's in-memory registry. */
@Module({})
export class RegistryModule {
  static forRoot(env: RegistryEnv): DynamicModule {
    const provider = {
      provide: REGISTRY,
      useFactory: (): Registry => {
        if (env.CIM_REGISTRY !== 'zookeeper') return new MemoryRegistry();
        const logger = new Logger('ZooKeeper');
        return createZooKeeperRegistry({
          connect: env.CIM_ZK_CONNECT,
          sessionTimeoutMs: env.CIM_ZK_SESSION_TIMEOUT_MS,
          rootPath: env.CIM_ZK_ROOT,
          logger: { log: (m) => logger.log(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
        });
      },
    };
    return {
      module: RegistryModule,
      global: true,
      providers: [provider, RegistryCloser],
      exports: [REGISTRY],
    };
  }
}
