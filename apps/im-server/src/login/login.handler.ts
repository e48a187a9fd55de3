import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Frame } from '@cim/protocol';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from '../transport/client-transport.constants';
import { Connection } from '../transport/connection';
import { LoginService } from './login.service';

@Controller()
export class LoginHandler {
  constructor(private readonly service: LoginService) {}

  @MessagePattern(ClientPatterns.Login, CIM_CLIENT_TRANSPORT)
  login(@Payload() frame: Frame, @Ctx() connection: Connection): Promise<void> {
    return this.service.login(connection, frame.login!, frame.requestId);
  }
}
