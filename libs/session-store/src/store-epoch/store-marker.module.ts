import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { InfraEnv, redisConnection } from '@cim/config';
import { createRedisClient } from '../redis/create-redis-session-store';
import { MemoryStoreMarker } from './memory-store-marker';
import { RedisStoreMarker } from './redis-store-marker';
import { STORE_MARKER, StoreMarker } from './store-marker';

/** One marker per process for the in-memory store, which the apps of the embedded mode share. */
let embeddedMarker: MemoryStoreMarker | undefined;

@Injectable()
class StoreMarkerCloser implements OnApplicationShutdown {
  constructor(@Inject(STORE_MARKER) private readonly marker: StoreMarker) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.marker !== embeddedMarker) await this.marker.close();
  }
}

/**
 * Provides STORE_MARKER to the whole app, on the same store as SessionStoreModule (imported once by
 * an app's root module, as that one is): with CIM_STORE=redis a Redis marker on a client of its own,
 * otherwise the process's in-memory marker.
 */
@Module({})
export class StoreMarkerModule {
  static forRoot(
    env: Pick<InfraEnv, 'CIM_STORE' | 'CIM_REDIS_URL' | 'CIM_REDIS_CLUSTER_NODES'>,
  ): DynamicModule {
    const provider = {
      provide: STORE_MARKER,
      useFactory: (): StoreMarker =>
        env.CIM_STORE === 'redis'
          ? new RedisStoreMarker(createRedisClient(redisConnection(env)))
          : (embeddedMarker ??= new MemoryStoreMarker()),
    };
    return {
      module: StoreMarkerModule,
      global: true,
      providers: [provider, StoreMarkerCloser],
      exports: [STORE_MARKER],
    };
  }
}
