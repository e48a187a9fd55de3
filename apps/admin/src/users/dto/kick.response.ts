import { ApiProperty } from '@nestjs/swagger';

export class KickResponse {
  @ApiProperty({ example: 'im-1' })
  serverId: string;

  @ApiProperty({
    description:
      'The im-server closed the connection (KICKED frame); false when it was unreachable or the user was not connected there.',
  })
  kicked: boolean;

  @ApiProperty({ description: 'The route was released: the user is offline now.' })
  released: boolean;
}
