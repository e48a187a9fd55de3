import { ApiProperty } from '@nestjs/swagger';

export class BroadcastResponse {
  @ApiProperty({ example: '0012345678901234567' })
  messageId: string;

  @ApiProperty({ example: 1767225600000 })
  sentAt: number;

  @ApiProperty({ description: 'Registered im-servers.', example: 2 })
  servers: number;

  @ApiProperty({ description: 'im-servers that took the message.', example: 2 })
  reached: number;

  @ApiProperty({ description: 'Connections the message was written to.', example: 1234 })
  delivered: number;
}
