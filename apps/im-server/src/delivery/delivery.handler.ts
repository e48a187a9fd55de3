import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import {
  DeliverReply,
  DeliverRequest,
  Frame,
  ImServerPatterns,
  ImServerStats,
  KickRequest,
  SessionRef,
  SessionStatusReply,
} from '@cim/protocol';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from '../transport/client-transport.constants';
import { Connection } from '../transport/connection';
import { AckBatcher } from './ack-batcher';
import { PushService } from './push.service';
import { StatsService } from './stats.service';

/** The route-gateway's and admin's calls over Nest TCP, and the clients' DELIVERY_ACKs. */
@Controller()
export class DeliveryHandler {
  constructor(
    private readonly push: PushService,
    private readonly stats: StatsService,
    private readonly acks: AckBatcher,
  ) {}

  @MessagePattern(ImServerPatterns.Deliver, Transport.TCP)
  deliver(@Payload() request: DeliverRequest): DeliverReply {
    return this.push.deliver(request);
  }

  @MessagePattern(ImServerPatterns.Kick, Transport.TCP)
  kick(@Payload() request: KickRequest): { kicked: boolean } {
    return this.push.kick(request);
  }

  @MessagePattern(ImServerPatterns.SessionStatus, Transport.TCP)
  status(@Payload() { userId, sessionId }: SessionRef): SessionStatusReply {
    return { connected: this.push.isConnected(userId, sessionId) };
  }

  @MessagePattern(ImServerPatterns.Stats, Transport.TCP)
  serverStats(): ImServerStats {
    return this.stats.snapshot();
  }

  @MessagePattern(ClientPatterns.DeliveryAck, CIM_CLIENT_TRANSPORT)
  acknowledge(@Payload() frame: Frame, @Ctx() connection: Connection): void {
    this.acks.add(connection.session!.userId, frame.deliveryAck!.messageIds);
  }
}
