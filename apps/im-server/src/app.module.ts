import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@cim/config';
import { RegistryModule } from '@cim/registry';
import { ImServerEnv } from './config/im-server.env';
import { DeliveryModule } from './delivery/delivery.module';
import { ImServerHealthModule } from './health/health.module';
import { HeartbeatModule } from './heartbeat/heartbeat.module';
import { KickModule } from './kick/kick.module';
import { LoginModule } from './login/login.module';
import { PresenceModule } from './presence/presence.module';
import { ReadStateModule } from './read-state/read-state.module';
import { RegistrationModule } from './registration/registration.module';
import { SessionsModule } from './sessions/sessions.module';
import { StatsModule } from './stats/stats.module';
import { StoreEpochModule } from './store-epoch/store-epoch.module';
import { SyncModule } from './sync/sync.module';
import { UplinkModule } from './uplink/uplink.module';

/**
 * The im-server: its configuration and registry client (global, as every app's), then one module per
 * concern, each importing what it uses.
 */
@Module({})
export class ImServerModule {
  static forRoot(env: ImServerEnv): DynamicModule {
    return {
      module: ImServerModule,
      imports: [
        ConfigModule.forRoot(ImServerEnv, env),
        RegistryModule.forRoot(env, ['servers', 'gateways']),
        StatsModule,
        LoginModule,
        HeartbeatModule,
        UplinkModule,
        SyncModule,
        ReadStateModule,
        DeliveryModule,
        KickModule,
        PresenceModule,
        SessionsModule,
        RegistrationModule,
        StoreEpochModule,
        ImServerHealthModule,
      ],
    };
  }
}
