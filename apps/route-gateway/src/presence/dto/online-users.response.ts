import { ApiProperty } from '@nestjs/swagger';
import { DEVICE_KINDS } from '@cim/session-store';

export class OnlineDevice {
  @ApiProperty({ example: 'laptop-3f9c', description: '`default` for a login that named no device.' })
  deviceId: string;

  @ApiProperty({ enum: DEVICE_KINDS, example: 'terminal' })
  kind: string;
}

export class OnlineUser {
  @ApiProperty({ example: '10001' })
  userId: string;

  @ApiProperty({ example: 'alice' })
  name: string;

  @ApiProperty({
    type: [OnlineDevice],
    description: 'The devices the user is online on (or logging in from).',
  })
  devices: OnlineDevice[];
}

export class OnlineUsersPage {
  @ApiProperty({
    description: "Pass it back for the next page; '0' when the listing is complete.",
    example: '0',
  })
  cursor: string;

  @ApiProperty({ type: [OnlineUser] })
  users: OnlineUser[];
}
