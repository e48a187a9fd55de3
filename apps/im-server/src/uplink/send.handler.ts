import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Frame } from '@cim/protocol';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from '../transport/client-transport.constants';
import { Connection } from '../transport/connection';
import { SendService } from './send.service';

@Controller()
export class SendHandler {
  constructor(private readonly service: SendService) {}

  @MessagePattern(ClientPatterns.Send, CIM_CLIENT_TRANSPORT)
  send(@Payload() frame: Frame, @Ctx() connection: Connection): void {
    return this.service.send(connection, frame.send!, frame.requestId);
  }
}
