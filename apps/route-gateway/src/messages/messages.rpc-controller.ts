import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, SendReply, SendRequest } from '@cim/protocol';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { MessagesService } from './messages.service';

/** SEND frames relayed by the im-servers over Nest's TCP transport. */
@Controller()
@UseFilters(RpcErrorFilter)
export class MessagesRpcController {
  constructor(private readonly messages: MessagesService) {}

  @MessagePattern(GatewayPatterns.Send, Transport.TCP)
  send(@Payload() request: SendRequest): Promise<SendReply> {
    return this.messages.send(request);
  }
}
