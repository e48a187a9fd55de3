import { Controller } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { ImServerPatterns, KickReply, KickRequest } from '@cim/protocol';
import { RpcPayloadPipe } from '@cim/rpc';
import { KICK_SCHEMA } from './dto/kick.schema';
import { KickService } from './kick.service';

@Controller()
export class KickHandler {
  constructor(private readonly service: KickService) {}

  @MessagePattern(ImServerPatterns.Kick, Transport.TCP)
  kick(@Payload(new RpcPayloadPipe(KICK_SCHEMA)) request: KickRequest): KickReply {
    return this.service.kick(request);
  }
}
