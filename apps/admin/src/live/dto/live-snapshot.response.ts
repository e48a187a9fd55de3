import { ApiProperty } from '@nestjs/swagger';

export class LiveServer {
  @ApiProperty({ example: 'im-1' })
  id: string;

  @ApiProperty({ description: 'Where clients connect, host:port.', example: 'im-1.cim.example.com:9000' })
  address: string;

  @ApiProperty({ description: 'Whether it answered im.stats within CIM_RPC_TIMEOUT_MS.' })
  reachable: boolean;

  @ApiProperty({ type: Number, nullable: true, example: 1234 })
  connections: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'SEND frames taken per second.', example: 42.5 })
  messagesInPerSecond: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Messages written per second.', example: 97 })
  messagesOutPerSecond: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Milliseconds the im.stats call took: the admin's round trip to the server.",
    example: 1.8,
  })
  latencyMs: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 3600000 })
  uptimeMs: number | null;
}

export class LiveSnapshot {
  @ApiProperty({ description: 'When it was taken, in ms since the epoch.', example: 1767225600000 })
  at: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Users online; null when Redis does not answer.',
  })
  online: number | null;

  @ApiProperty({ type: [LiveServer], description: 'The registered im-servers, sorted by id.' })
  servers: LiveServer[];
}
