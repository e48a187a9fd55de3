import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, SendBatchReply, SendBatchRequest } from '@cim/protocol';
import { RpcPayloadPipe } from '@cim/rpc';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { SEND_BATCH_SCHEMA } from './dto/send-batch.schema';
import { SendBatchService } from './send-batch.service';

/**
 * SEND frames relayed by the im-servers over Nest's TCP transport, a tick's worth per call; a batch
 * that is not of the pattern's shape is refused whole with an RpcFailure naming the field.
 */
@Controller()
@UseFilters(RpcErrorFilter)
export class MessagesRpcController {
  constructor(private readonly batches: SendBatchService) {}

  /** Each SEND of the batch succeeds or fails on its own. */
  @MessagePattern(GatewayPatterns.SendBatch, Transport.TCP)
  sendBatch(
    @Payload(new RpcPayloadPipe(SEND_BATCH_SCHEMA)) { requests }: SendBatchRequest,
  ): Promise<SendBatchReply> {
    return this.batches.send(requests);
  }
}
