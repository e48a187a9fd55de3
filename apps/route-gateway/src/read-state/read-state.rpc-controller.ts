import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, MarkReadReply, MarkReadRequest } from '@cim/protocol';
import { RpcPayloadPipe } from '@cim/rpc';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { MARK_READ_SCHEMA } from './dto/mark-read.schema';
import { ReadStateService } from './read-state.service';

/** MARK_READ frames relayed by the im-servers; a malformed one is refused with an RpcFailure naming the field. */
@Controller()
@UseFilters(RpcErrorFilter)
export class ReadStateRpcController {
  constructor(private readonly readState: ReadStateService) {}

  @MessagePattern(GatewayPatterns.MarkRead, Transport.TCP)
  async markRead(
    @Payload(new RpcPayloadPipe(MARK_READ_SCHEMA)) request: MarkReadRequest,
  ): Promise<MarkReadReply> {
    return { seq: await this.readState.markRead(request) };
  }
}
