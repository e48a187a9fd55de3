import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Frame } from '@cim/protocol';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from '../transport/client-transport.constants';
import { Connection } from '../transport/connection';

/** PING → PONG. Any frame counts as a sign of life; the transport's idle sweep closes silent connections. */
@Controller()
export class HeartbeatHandler {
  @MessagePattern(ClientPatterns.Ping, CIM_CLIENT_TRANSPORT)
  ping(@Payload() frame: Frame, @Ctx() connection: Connection): void {
    connection.write({ requestId: frame.requestId, pong: {} });
  }
}
