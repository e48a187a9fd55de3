import { Controller, UseFilters, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, SessionOpenedReply } from '@cim/protocol';
import { RpcValidationPipe } from '@cim/rpc';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { AcknowledgeRequestDto } from './dto/acknowledge.request';
import { SessionClosedRequestDto, SessionRefDto } from './dto/session-ref.request';
import { SessionsService } from './sessions.service';

/** The im-servers' reports on their connections, over Nest's TCP transport; payloads validated. */
@Controller()
@UseFilters(RpcErrorFilter)
@UsePipes(RpcValidationPipe)
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @MessagePattern(GatewayPatterns.SessionOpened, Transport.TCP)
  opened(@Payload() ref: SessionRefDto): Promise<SessionOpenedReply> {
    return this.sessions.opened(ref);
  }

  @MessagePattern(GatewayPatterns.Acknowledge, Transport.TCP)
  acknowledge(@Payload() request: AcknowledgeRequestDto): Promise<{ acknowledged: number }> {
    return this.sessions.acknowledge(request);
  }

  @MessagePattern(GatewayPatterns.SessionClosed, Transport.TCP)
  closed(@Payload() request: SessionClosedRequestDto): Promise<{ released: boolean }> {
    return this.sessions.closed(request);
  }
}
