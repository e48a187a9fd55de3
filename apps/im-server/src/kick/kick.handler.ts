import { Controller } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { ImServerPatterns, KickRequest } from '@cim/protocol';
import { KickService } from './kick.service';

@Controller()
export class KickHandler {
  constructor(private readonly service: KickService) {}

  @MessagePattern(ImServerPatterns.Kick, Transport.TCP)
  kick(@Payload() request: KickRequest): { kicked: boolean } {
    return this.service.kick(request);
  }
}
