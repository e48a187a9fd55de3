import { Controller, UseFilters, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, SyncReply } from '@cim/protocol';
import { RpcValidationPipe } from '@cim/rpc';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { ConversationsService } from './conversations.service';
import { SyncRequestDto } from './dto/sync.request';

/** SYNC frames relayed by the im-servers; a malformed one is refused with an RpcFailure naming the field. */
@Controller()
@UseFilters(RpcErrorFilter)
@UsePipes(RpcValidationPipe)
export class ConversationsRpcController {
  constructor(private readonly conversations: ConversationsService) {}

  @MessagePattern(GatewayPatterns.Sync, Transport.TCP)
  sync(@Payload() request: SyncRequestDto): Promise<SyncReply> {
    return this.conversations.sync(request);
  }
}
