import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@cim/config';
import { RegistryModule } from '@cim/registry';
import { GroupStoreModule, MessageIdsModule, SessionStoreModule } from '@cim/session-store';
import { BroadcastModule } from './broadcast/broadcast.module';
import { AdminEnv } from './config/admin.env';
import { GroupsModule } from './groups/groups.module';
import { AdminHealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { PushModule } from './push/push.module';
import { ServersModule } from './servers/servers.module';
import { UsersModule } from './users/users.module';

/** The admin app's root module, for the given (already validated) configuration. */
@Module({})
export class AdminModule {
  static forRoot(env: AdminEnv): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        ConfigModule.forRoot(AdminEnv, env),
        SessionStoreModule.forRoot(env),
        GroupStoreModule.forRoot(env),
        MessageIdsModule.forRoot(env),
        RegistryModule.forRoot(env),
        MetricsModule,
        AdminHealthModule,
        ServersModule,
        UsersModule,
        BroadcastModule,
        PushModule,
        GroupsModule,
        LiveModule,
      ],
    };
  }
}
