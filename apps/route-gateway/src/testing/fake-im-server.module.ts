import { Controller, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DeliverReply,
  DeliverRequest,
  ImServerPatterns,
  KickRequest,
  SessionStatusReply,
} from '@cim/protocol';

/** What the fake im-server was told, for the app spec's assertions. */
export const fakeImServerCalls = { delivered: [] as DeliverRequest[], kicked: [] as KickRequest[] };

@Controller()
class FakeImServerController {
  @MessagePattern(ImServerPatterns.Deliver)
  deliver(@Payload() request: DeliverRequest): DeliverReply {
    fakeImServerCalls.delivered.push(request);
    return { missed: [], delivered: request.entries.length };
  }

  @MessagePattern(ImServerPatterns.Kick)
  kick(@Payload() request: KickRequest): { kicked: boolean } {
    fakeImServerCalls.kicked.push(request);
    return { kicked: true };
  }

  @MessagePattern(ImServerPatterns.SessionStatus)
  status(): SessionStatusReply {
    return { connected: true };
  }
}

/** An im-server's TCP transport that answers the gateway's calls and records them. */
@Module({ controllers: [FakeImServerController] })
export class FakeImServerModule {}
