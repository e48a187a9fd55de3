import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { InfraEnv, redisConnection } from '@cim/config';
import { MemorySessionStore } from './memory/memory-session-store';
import { createRedisSessionStore } from './redis/create-redis-session-store';
import { SESSION_STORE, SessionStore } from './session-store';

/** One in-memory store per process, so that the apps of the embedded mode share it. */
let embeddedStore: MemorySessionStore | undefined;

@Injectable()
class SessionStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(SESSION_STORE) private readonly store: SessionStore) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store !== embeddedStore) await this.store.close();
  }
}

/**
 * Provides SESSION_STORE: with CIM_STORE=redis the Redis store, on the cluster of CIM_REDIS_CLUSTER_NODES
 * when that is set, else on the Redis at CIM_REDIS_URL; otherwise the process's in-memory store.
 */
@Module({})
export class SessionStoreModule {
  static forRoot(
    env: Pick<InfraEnv, 'CIM_STORE' | 'CIM_REDIS_URL' | 'CIM_REDIS_CLUSTER_NODES'>,
  ): DynamicModule {
    const provider = {
      provide: SESSION_STORE,
      useFactory: (): SessionStore =>
        env.CIM_STORE === 'redis'
          ? createRedisSessionStore(redisConnection(env))
          : (embeddedStore ??= new MemorySessionStore()),
    };
    return {
      module: SessionStoreModule,
      global: true,
      providers: [provider, SessionStoreCloser],
      exports: [SESSION_STORE],
    };
  }
}
