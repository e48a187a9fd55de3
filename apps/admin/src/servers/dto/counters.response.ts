import { ApiProperty } from '@nestjs/swagger';

const BY_KIND = {
  type: 'object',
  additionalProperties: { type: 'number' },
  example: { private: 120, group: 30, system: 2, offline: 7 },
} as const;

export class ServerCounters {
  @ApiProperty({ example: 'im-1' })
  serverId: string;

  @ApiProperty({ description: 'Whether it answered im.stats; the counters are 0 when it did not.' })
  reachable: boolean;

  @ApiProperty({ description: 'SEND frames taken from its clients since it started.', example: 150 })
  messagesIn: number;

  @ApiProperty({ description: 'Messages written to its clients since it started.', example: 159 })
  messagesOut: number;

  @ApiProperty({ description: 'LOGINs accepted since it started.', example: 42 })
  logins: number;

  @ApiProperty({ ...BY_KIND, description: 'messagesIn by kind.' })
  messagesInByKind: Record<string, number>;

  @ApiProperty({ ...BY_KIND, description: 'messagesOut by kind (offline: delivered from the inbox).' })
  messagesOutByKind: Record<string, number>;
}

export class CountersResponse {
  @ApiProperty({ type: [ServerCounters] })
  servers: ServerCounters[];

  @ApiProperty({ description: 'Sum of messagesIn over the reachable servers.', example: 150 })
  messagesIn: number;

  @ApiProperty({ description: 'Sum of messagesOut over the reachable servers.', example: 159 })
  messagesOut: number;
}
