import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, SyncReply, SyncRequest } from '@cim/protocol';
import { RpcPayloadPipe } from '@cim/rpc';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { ConversationsService } from './conversations.service';
import { SYNC_SCHEMA } from './dto/sync.schema';

/** SYNC frames relayed by the im-servers; a malformed one is refused with an RpcFailure naming the field. */
@Controller()
@UseFilters(RpcErrorFilter)
export class ConversationsRpcController {
  constructor(private readonly conversations: ConversationsService) {}

  @MessagePattern(GatewayPatterns.Sync, Transport.TCP)
  sync(@Payload(new RpcPayloadPipe(SYNC_SCHEMA)) request: SyncRequest): Promise<SyncReply> {
    return this.conversations.sync(request);
  }
}
