import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { ImServerPatterns, SessionStatusReply } from '@cim/protocol';
import { RpcValidationPipe } from '@cim/rpc';
import { SessionStatusRequestDto } from './dto/session-status.request';
import { PresenceService } from './presence.service';

@Controller()
export class SessionStatusHandler {
  constructor(private readonly presence: PresenceService) {}

  @MessagePattern(ImServerPatterns.SessionStatus, Transport.TCP)
  @UsePipes(RpcValidationPipe)
  status(@Payload() ref: SessionStatusRequestDto): SessionStatusReply {
    return this.presence.status(ref);
  }
}
