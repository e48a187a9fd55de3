import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import {
  AcknowledgeRequest,
  GatewayPatterns,
  SessionClosedRequest,
  SessionOpenedReply,
  SessionRef,
} from '@cim/protocol';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { SessionsService } from './sessions.service';

/** The im-servers' reports on their connections, over Nest's TCP transport. */
@Controller()
@UseFilters(RpcErrorFilter)
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @MessagePattern(GatewayPatterns.SessionOpened, Transport.TCP)
  opened(@Payload() ref: SessionRef): Promise<SessionOpenedReply> {
    return this.sessions.opened(ref);
  }

  @MessagePattern(GatewayPatterns.Acknowledge, Transport.TCP)
  acknowledge(@Payload() request: AcknowledgeRequest): Promise<{ acknowledged: number }> {
    return this.sessions.acknowledge(request);
  }

  @MessagePattern(GatewayPatterns.SessionClosed, Transport.TCP)
  closed(@Payload() request: SessionClosedRequest): Promise<{ released: boolean }> {
    return this.sessions.closed(request);
  }
}
