import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { DeliverReply, DeliverRequest, Frame, ImServerPatterns } from '@cim/protocol';
import { RpcPayloadPipe } from '@cim/rpc';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from '../transport/client-transport.constants';
import { Connection } from '../transport/connection';
import { AckBatcher } from './ack-batcher';
import { DELIVER_SCHEMA } from './dto/deliver.schema';
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
  deliver(@Payload(new RpcPayloadPipe(DELIVER_SCHEMA)) request: DeliverRequest): DeliverReply {
    return this.push.deliver(request);
  }

  @MessagePattern(ClientPatterns.DeliveryAck, CIM_CLIENT_TRANSPORT)
  acknowledge(@Payload() frame: Frame, @Ctx() connection: Connection): void {
    this.acks.add(connection.session!.userId, frame.deliveryAck!.messageIds);
  }
}
