import { ApiProperty } from '@nestjs/swagger';
import { DeviceView } from './device.view';

export class OnlineUserView {
  @ApiProperty({ example: '10001' })
  userId: string;

  @ApiProperty({ example: 'alice' })
  name: string;

  @ApiProperty({ example: 'im-1', description: 'The im-server of the first of `devices`.' })
  serverId: string;

  @ApiProperty({
    description: 'When the first of `devices` logged in, in ms since the epoch.',
    example: 1767225600000,
  })
  since: number;

  @ApiProperty({ type: [DeviceView], description: "The user's devices online or logging in, by device id." })
  devices: DeviceView[];
}

export class OnlineUsersPage {
  @ApiProperty({
    description: "Pass it back for the next page; '0' when the listing is complete.",
    example: '0',
  })
  cursor: string;

  @ApiProperty({ type: [OnlineUserView] })
  users: OnlineUserView[];
}

export class OnlineCount {
  @ApiProperty({ description: 'Users online now (including logins still connecting).', example: 1234 })
  count: number;
}
