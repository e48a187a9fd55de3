import { Controller, Logger, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, SendBatchReply, SendBatchRequest } from '@cim/protocol';
import { RpcErrorFilter, toRpcFailure } from '../errors/rpc-exception.filter';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { MessagesService } from './messages.service';

/** SEND frames relayed by the im-servers over Nest's TCP transport, a tick's worth per call. */
@Controller()
@UseFilters(RpcErrorFilter)
export class MessagesRpcController {
  private readonly logger = new Logger('MessagesRpcController');

  constructor(
    private readonly messages: MessagesService,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** Each SEND of the batch succeeds or fails on its own. */
  @MessagePattern(GatewayPatterns.SendBatch, Transport.TCP)
  async sendBatch(@Payload() { requests }: SendBatchRequest): Promise<SendBatchReply> {
    const results = await Promise.all(
      (Array.isArray(requests) ? requests : []).map((request) =>
        this.messages.send(request).then(
          (reply) => ({ reply }),
          (error: unknown) => {
            const failure = toRpcFailure(error, this.logger);
            this.metrics.failed(failure.code);
            return { failure };
          },
        ),
      ),
    );
    return { results };
  }
}
