import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { GatewayModule } from '../gateway/gateway.module';
import { ClosedHandler } from './closed.handler';
import { SessionsService } from './sessions.service';

@Module({
  imports: [ConnectionsModule, GatewayModule],
  controllers: [ClosedHandler],
  providers: [SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
