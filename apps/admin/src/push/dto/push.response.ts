import { ApiProperty } from '@nestjs/swagger';

export class PushResponse {
  @ApiProperty({
    description: 'One id for the push, the same in every copy.',
    example: '0012345678901234567',
  })
  messageId: string;

  @ApiProperty({ example: 1767225600000 })
  sentAt: number;

  @ApiProperty({
    description: 'Receivers who got it at once (with all: connections written to).',
    example: 1,
  })
  online: number;

  @ApiProperty({
    description:
      'Receivers who will get it at their next login, from their inbox (with groupId: members not reached now, ' +
      'who do not get it).',
    example: 1,
  })
  offline: number;

  @ApiProperty({
    description: 'Given user ids that belong to no user: skipped, the others still get the message.',
    type: [String],
    example: [],
  })
  unknown: string[];
}
