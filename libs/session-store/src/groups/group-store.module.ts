import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { InfraEnv, redisConnection } from '@cim/config';
import { createRedisGroupStore } from './create-redis-group-store';
import { GROUP_STORE, GroupStore } from './group-store';
import { MemoryGroupStore } from './memory-group-store';

/** One in-memory store per process, so that the apps of the embedded mode share it. */
let embeddedStore: MemoryGroupStore | undefined;

@Injectable()
class GroupStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(GROUP_STORE) private readonly store: GroupStore) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store !== embeddedStore) await this.store.close();
  }
}

/**
 * Provides GROUP_STORE to the whole app, as SessionStoreModule provides SESSION_STORE (both are imported
 * once by an app's root module): Redis when CIM_STORE=redis (one node, or the cluster of
 * CIM_REDIS_CLUSTER_NODES), else the process's in-memory store.
 */
@Module({})
export class GroupStoreModule {
  static forRoot(
    env: Pick<InfraEnv, 'CIM_STORE' | 'CIM_REDIS_URL' | 'CIM_REDIS_CLUSTER_NODES'>,
  ): DynamicModule {
    const provider = {
      provide: GROUP_STORE,
      useFactory: (): GroupStore =>
        env.CIM_STORE === 'redis'
          ? createRedisGroupStore(redisConnection(env))
          : (embeddedStore ??= new MemoryGroupStore()),
    };
    return {
      module: GroupStoreModule,
      global: true,
      providers: [provider, GroupStoreCloser],
      exports: [GROUP_STORE],
    };
  }
}
