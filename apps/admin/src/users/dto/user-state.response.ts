import { ApiProperty } from '@nestjs/swagger';

export class UserState {
  @ApiProperty({ example: '10001' })
  userId: string;

  @ApiProperty({ example: 'alice' })
  name: string;

  @ApiProperty({ description: 'When the user registered, in ms since the epoch.', example: 1767225600000 })
  createdAt: number;

  @ApiProperty()
  online: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The im-server holding the login; null when offline.',
    example: 'im-1',
  })
  serverId: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'When the login began; null when offline.',
    example: 1767225600000,
  })
  since: number | null;

  @ApiProperty({
    description: 'Pushes waiting in the offline inbox (they move into the ledger at the next login).',
    example: 0,
  })
  inboxSize: number;

  @ApiProperty({
    description:
      'Private messages kept for the user and not acknowledged yet: accepted while they were offline, or handed to their client without an ack (handed over again at the next login).',
    example: 0,
  })
  unacked: number;
}
