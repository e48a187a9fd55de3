import { Controller } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { ImServerPatterns, SessionRef, SessionStatusReply } from '@cim/protocol';
import { PresenceService } from './presence.service';

@Controller()
export class SessionStatusHandler {
  constructor(private readonly presence: PresenceService) {}

  @MessagePattern(ImServerPatterns.SessionStatus, Transport.TCP)
  status(@Payload() ref: SessionRef): SessionStatusReply {
    return this.presence.status(ref);
  }
}
