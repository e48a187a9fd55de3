import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Frame } from '@cim/protocol';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from '../transport/client-transport.constants';
import { Connection } from '../transport/connection';
import { SyncService } from './sync.service';

@Controller()
export class SyncHandler {
  constructor(private readonly service: SyncService) {}

  @MessagePattern(ClientPatterns.Sync, CIM_CLIENT_TRANSPORT)
  sync(@Payload() frame: Frame, @Ctx() connection: Connection): void {
    return this.service.sync(connection, frame.sync!, frame.requestId);
  }
}
