import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ImServerView {
  @ApiProperty({ example: 'im-1' })
  id: string;

  @ApiProperty({ description: 'Where clients connect.', example: 'im-1.cim.example.com' })
  host: string;

  @ApiProperty({ description: 'The TCP carrier (TLS when `tls`).', example: 9000 })
  clientPort: number;

  @ApiPropertyOptional({
    description: 'The WebSocket carrier as clients are told it; absent from servers older than it.',
    example: 'wss://im-1.cim.example.com:9003/',
  })
  wsUrl?: string;

  @ApiPropertyOptional({ description: 'Whether the client and WebSocket ports speak TLS.', example: true })
  tls?: boolean;

  @ApiProperty({
    description: "Nest TCP transport (the route-gateway's and admin's calls).",
    example: '10.0.0.7',
  })
  rpcHost: string;

  @ApiProperty({ example: 9001 })
  rpcPort: number;

  @ApiProperty({ description: 'Health and metrics.', example: 9002 })
  httpPort: number;

  @ApiProperty({ description: 'When it started, in ms since the epoch.', example: 1767225600000 })
  startedAt: number;

  @ApiProperty({ description: 'Whether it answered im.stats within CIM_RPC_TIMEOUT_MS.' })
  reachable: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Logged-in connections; null when unreachable.',
    example: 1234,
  })
  connections: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Milliseconds since it started; null when unreachable.',
    example: 86400000,
  })
  uptimeMs: number | null;
}
