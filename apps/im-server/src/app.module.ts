import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@cim/config';
import { RegistryModule } from '@cim/registry';
import { AuthModule } from './auth/auth.module';
import { ImServerEnv } from './config/im-server.env';
import { ConnectionsModule } from './connections/connections.module';
import { DeliveryModule } from './delivery/delivery.module';
import { GatewayModule } from './gateway/gateway.module';
import { ImServerHealthModule } from './health/health.module';
import { HeartbeatModule } from './heartbeat/heartbeat.module';
import { LoginModule } from './login/login.module';
import { MetricsModule } from './metrics/metrics.module';
import { RegistrationModule } from './registration/registration.module';
import { SessionsModule } from './sessions/sessions.module';
import { UplinkModule } from './uplink/uplink.module';

@Module({})
export class ImServerModule {
  static forRoot(env: ImServerEnv): DynamicModule {
    return {
      module: ImServerModule,
      imports: [
        ConfigModule.forRoot(ImServerEnv, env),
        RegistryModule.forRoot(env, ['servers', 'gateways']),
        MetricsModule,
        AuthModule,
        ConnectionsModule,
        GatewayModule,
        SessionsModule,
        RegistrationModule,
        LoginModule,
        HeartbeatModule,
        UplinkModule,
        DeliveryModule,
        ImServerHealthModule,
      ],
    };
  }
}
