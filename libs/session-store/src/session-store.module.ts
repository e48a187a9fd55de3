import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { InfraEnv } from '@cim/config';
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

/** Provides SESSION_STORE: Redis when CIM_STORE=redis, else the process's in-memory store. */
@Module({})
export class SessionStoreModule {
  static forRoot(env: Pick<InfraEnv, 'CIM_STORE' | 'CIM_REDIS_URL'>): DynamicModule {
    const provider = {
      provide: SESSION_STORE,
      useFactory: (): SessionStore =>
        env.CIM_STORE === 'redis'
          ? createRedisSessionStore(env.CIM_REDIS_URL)
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
