import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { InfraEnv, redisConnection } from '@cim/config';
import { createRedisReadStateStore } from './create-redis-read-state-store';
import { MemoryReadStateStore } from './memory-read-state-store';
import { READ_STATE_STORE, ReadStateStore } from './read-state-store';

/** One in-memory store per process, so that the apps of the embedded mode share it. */
let embeddedStore: MemoryReadStateStore | undefined;

@Injectable()
class ReadStateStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(READ_STATE_STORE) private readonly store: ReadStateStore) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store !== embeddedStore) await this.store.close();
  }
}

/**
 * Provides READ_STATE_STORE to the whole app, as SessionStoreModule provides SESSION_STORE (imported once
 * by the route-gateway's root module): Redis when CIM_STORE=redis (one node, or the
 * cluster of CIM_REDIS_CLUSTER_NODES), else the process's in-memory store.
 */
@Module({})
export class ReadStateStoreModule {
  static forRoot(
    env: Pick<InfraEnv, 'CIM_STORE' | 'CIM_REDIS_URL' | 'CIM_REDIS_CLUSTER_NODES'>,
  ): DynamicModule {
    const provider = {
      provide: READ_STATE_STORE,
      useFactory: (): ReadStateStore =>
        env.CIM_STORE === 'redis'
          ? createRedisReadStateStore(redisConnection(env))
          : (embeddedStore ??= new MemoryReadStateStore()),
    };
    return {
      module: ReadStateStoreModule,
      global: true,
      providers: [provider, ReadStateStoreCloser],
      exports: [READ_STATE_STORE],
    };
  }
}
