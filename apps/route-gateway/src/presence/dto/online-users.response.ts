import { ApiProperty } from '@nestjs/swagger';

export class OnlineUser {
  @ApiProperty({ example: '10001' })
  userId: string;

  @ApiProperty({ example: 'alice' })
  name: string;
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
