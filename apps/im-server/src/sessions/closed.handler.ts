import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from '../transport/client-transport.constants';
import { Connection } from '../transport/connection';
import { SessionsService } from './sessions.service';

@Controller()
export class ClosedHandler {
  constructor(private readonly sessions: SessionsService) {}

  @EventPattern(ClientPatterns.Closed, CIM_CLIENT_TRANSPORT)
  closed(@Payload() connection: Connection): Promise<void> {
    return this.sessions.closed(connection);
  }
}
