import { ApiProperty } from '@nestjs/swagger';

/** A kick's answer; it comes once the devices kicked are offline (their logins' routes are gone). */
export class KickResponse {
  @ApiProperty({
    description: 'The im-server that held the login (of the first device kicked).',
    example: 'im-1',
  })
  serverId: string;

  @ApiProperty({ description: 'The devices kicked, by device id.', example: ['laptop-3f9c'] })
  devices: string[];

  @ApiProperty({
    description:
      'The im-servers closed the connections with a KICKED frame; false when one was unreachable or the device was not connected there. The devices are offline either way.',
  })
  kicked: boolean;
}
