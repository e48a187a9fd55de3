import { Controller } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { ImServerPatterns, SessionStatusReply, SessionStatusRequest } from '@cim/protocol';
import { RpcPayloadPipe } from '@cim/rpc';
import { SESSION_STATUS_SCHEMA } from './dto/session-status.schema';
import { PresenceService } from './presence.service';

@Controller()
export class SessionStatusHandler {
  constructor(private readonly presence: PresenceService) {}

  @MessagePattern(ImServerPatterns.SessionStatus, Transport.TCP)
  status(@Payload(new RpcPayloadPipe(SESSION_STATUS_SCHEMA)) ref: SessionStatusRequest): SessionStatusReply {
    return this.presence.status(ref);
  }
}
