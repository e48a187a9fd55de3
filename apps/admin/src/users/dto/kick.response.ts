import { ApiProperty } from '@nestjs/swagger';

/** A kick's answer; it comes once the user is offline (the kicked login's route is gone). */
export class KickResponse {
  @ApiProperty({ description: 'The im-server that held the login.', example: 'im-1' })
  serverId: string;

  @ApiProperty({
    description:
      'The im-server closed the connection with a KICKED frame; false when it was unreachable or the user was not connected there. The user is offline either way.',
  })
  kicked: boolean;
}
