import { Controller, UsePipes } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { DeliverReply, Frame, ImServerPatterns } from '@cim/protocol';
import { RpcValidationPipe } from '@cim/rpc';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from '../transport/client-transport.constants';
import { Connection } from '../transport/connection';
import { AckBatcher } from './ack-batcher';
import { DeliverRequestDto } from './dto/deliver.request';
import { PushService } from './push.service';

/**
 * Messages in (im.deliver, from the route-gateway and admin; a malformed payload is refused with an
 * RpcFailure naming the field) and the clients' DELIVERY_ACKs back.
 */
@Controller()
export class DeliveryHandler {
  constructor(
    private readonly push: PushService,
    private readonly acks: AckBatcher,
  ) {}

  @MessagePattern(ImServerPatterns.Deliver, Transport.TCP)
  @UsePipes(RpcValidationPipe)
  deliver(@Payload() request: DeliverRequestDto): DeliverReply {
    return this.push.deliver(request);
  }

  @MessagePattern(ClientPatterns.DeliveryAck, CIM_CLIENT_TRANSPORT)
  acknowledge(@Payload() frame: Frame, @Ctx() connection: Connection): void {
    this.acks.add(connection.session!.userId, frame.deliveryAck!.messageIds);
  }
}
