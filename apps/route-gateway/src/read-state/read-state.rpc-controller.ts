import { Controller, UseFilters, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, MarkReadReply } from '@cim/protocol';
import { RpcValidationPipe } from '@cim/rpc';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { MarkReadRequestDto } from './dto/read-state.requests';
import { ReadStateService } from './read-state.service';

/** MARK_READ frames relayed by the im-servers; a malformed one is refused with an RpcFailure naming the field. */
@Controller()
@UseFilters(RpcErrorFilter)
@UsePipes(RpcValidationPipe)
export class ReadStateRpcController {
  constructor(private readonly readState: ReadStateService) {}

  @MessagePattern(GatewayPatterns.MarkRead, Transport.TCP)
  async markRead(@Payload() request: MarkReadRequestDto): Promise<MarkReadReply> {
    return { seq: await this.readState.markRead(request) };
  }
}
