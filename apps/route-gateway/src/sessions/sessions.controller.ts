import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import {
  AcknowledgeRequest,
  GatewayPatterns,
  SessionClosedRequest,
  SessionOpenedReply,
  SessionRef,
} from '@cim/protocol';
import { RpcPayloadPipe } from '@cim/rpc';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { ACKNOWLEDGE_SCHEMA, SESSION_CLOSED_SCHEMA, SESSION_REF_SCHEMA } from './dto/session.schemas';
import { SessionsService } from './sessions.service';

/** The im-servers' reports on their connections, over Nest's TCP transport; payloads validated. */
@Controller()
@UseFilters(RpcErrorFilter)
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @MessagePattern(GatewayPatterns.SessionOpened, Transport.TCP)
  opened(@Payload(new RpcPayloadPipe(SESSION_REF_SCHEMA)) ref: SessionRef): Promise<SessionOpenedReply> {
    return this.sessions.opened(ref);
  }

  @MessagePattern(GatewayPatterns.Acknowledge, Transport.TCP)
  acknowledge(
    @Payload(new RpcPayloadPipe(ACKNOWLEDGE_SCHEMA)) request: AcknowledgeRequest,
  ): Promise<{ acknowledged: number }> {
    return this.sessions.acknowledge(request);
  }

  @MessagePattern(GatewayPatterns.SessionClosed, Transport.TCP)
  closed(
    @Payload(new RpcPayloadPipe(SESSION_CLOSED_SCHEMA)) request: SessionClosedRequest,
  ): Promise<{ released: boolean }> {
    return this.sessions.closed(request);
  }
}
