import { Controller, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeliverReply, DeliverRequest, ImServerPatterns, ImServerStats, KickRequest } from '@cim/protocol';

/** What the fake im-server was told, and who it says is connected. */
export const fakeImServer = {
  delivered: [] as DeliverRequest[],
  kicked: [] as KickRequest[],
  connected: new Set<string>(),
};

@Controller()
class FakeImServerController {
  @MessagePattern(ImServerPatterns.Deliver)
  deliver(@Payload() request: DeliverRequest): DeliverReply {
    fakeImServer.delivered.push(request);
    const missed = request.entries.flatMap(({ message, userIds = [] }) =>
      userIds
        .filter((u) => !fakeImServer.connected.has(u))
        .map((userId) => ({ messageId: message.messageId, userId })),
    );
    return { missed, delivered: request.entries.length - missed.length };
  }

  @MessagePattern(ImServerPatterns.Kick)
  kick(@Payload() request: KickRequest): { kicked: boolean } {
    fakeImServer.kicked.push(request);
    return { kicked: fakeImServer.connected.delete(request.userId) };
  }

  @MessagePattern(ImServerPatterns.Stats)
  stats(): ImServerStats {
    return {
      serverId: 'im-test',
      connections: fakeImServer.connected.size,
      startedAt: 1,
      uptimeMs: 1000,
      messagesIn: 3,
      messagesOut: 5,
      logins: 2,
      messagesInByKind: { private: 3 },
      messagesOutByKind: { private: 4, system: 1 },
    };
  }
}

/** An im-server's TCP transport that answers the admin's calls and records them. */
@Module({ controllers: [FakeImServerController] })
export class FakeImServerModule {}
