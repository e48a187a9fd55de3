import { ApiProperty } from '@nestjs/swagger';
import { DeviceView } from './device.view';

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
    description: 'The im-server holding the login of the first of `devices`; null when offline.',
    example: 'im-1',
  })
  serverId: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'When the first of `devices` logged in; null when offline.',
    example: 1767225600000,
  })
  since: number | null;

  @ApiProperty({ type: [DeviceView], description: "The user's devices online or logging in, by device id." })
  devices: DeviceView[];

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
