import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@cim/config';
import { RegistryModule } from '@cim/registry';
import {
  GroupStoreModule,
  MessageIdsModule,
  ReadStateStoreModule,
  SessionStoreModule,
  StoreMarkerModule,
} from '@cim/session-store';
import { AccountsModule } from './accounts/accounts.module';
import { GatewayEnv } from './config/gateway.env';
import { ConversationsModule } from './conversations/conversations.module';
import { GroupsModule } from './groups/groups.module';
import { GatewayHealthModule } from './health/health.module';
import { LoginModule } from './login/login.module';
import { MessagesModule } from './messages/messages.module';
import { MetricsModule } from './metrics/metrics.module';
import { PresenceModule } from './presence/presence.module';
import { ReadStateModule } from './read-state/read-state.module';
import { GatewayRegistrationModule } from './registration/gateway-registration.module';
import { ResumeModule } from './resume/resume.module';
import { ServerRunsModule } from './server-runs/server-runs.module';
import { SessionsModule } from './sessions/sessions.module';
import { StoreEpochModule } from './store-epoch/store-epoch.module';

/** The route-gateway's root module, for the given (already validated) configuration. */
@Module({})
export class RouteGatewayModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: RouteGatewayModule,
      imports: [
        ConfigModule.forRoot(GatewayEnv, env),
        SessionStoreModule.forRoot(env),
        StoreMarkerModule.forRoot(env),
        GroupStoreModule.forRoot(env),
        ReadStateStoreModule.forRoot(env),
        MessageIdsModule.forRoot(env),
        RegistryModule.forRoot(env, ['servers', 'gateways']),
        MetricsModule,
        GatewayHealthModule,
        AccountsModule,
        LoginModule,
        ResumeModule,
        MessagesModule,
        GroupsModule,
        ConversationsModule,
        ReadStateModule,
        PresenceModule,
        SessionsModule,
        ServerRunsModule,
        StoreEpochModule,
        GatewayRegistrationModule,
      ],
    };
  }
}
