import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { ImServerPatterns, KickReply } from '@cim/protocol';
import { RpcValidationPipe } from '@cim/rpc';
import { KickRequestDto } from './dto/kick.request';
import { KickService } from './kick.service';

@Controller()
export class KickHandler {
  constructor(private readonly service: KickService) {}

  @MessagePattern(ImServerPatterns.Kick, Transport.TCP)
  @UsePipes(RpcValidationPipe)
  kick(@Payload() request: KickRequestDto): KickReply {
    return this.service.kick(request);
  }
}
