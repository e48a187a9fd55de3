import { ApiProperty } from '@nestjs/swagger';

export class OnlineUserView {
  @ApiProperty({ example: '10001' })
  userId: string;

  @ApiProperty({ example: 'alice' })
  name: string;

  @ApiProperty({ example: 'im-1' })
  serverId: string;

  @ApiProperty({ description: 'When this login began, in ms since the epoch.', example: 1767225600000 })
  since: number;
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
