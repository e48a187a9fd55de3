import { ApiProperty } from '@nestjs/swagger';

export class ReadPointerResponse {
  @ApiProperty({ example: 'p:10001:10002' })
  conversation: string;

  @ApiProperty({
    description: 'Where the read pointer now stands (never below what was asked).',
    example: 42,
  })
  readSeq: number;
}

export class ReaderResponse {
  @ApiProperty({ example: '10002' })
  userId: string;

  @ApiProperty({
    description: 'The seq the member has read up to (at or beyond the one asked).',
    example: 44,
  })
  readSeq: number;
}

export class ReadersResponse {
  @ApiProperty({ example: 'g:1' })
  conversation: string;

  @ApiProperty({ example: 42 })
  seq: number;

  @ApiProperty({ description: 'Members now.', example: 12 })
  memberCount: number;

  @ApiProperty({ type: [ReaderResponse], description: 'Members who have read up to seq, by user id.' })
  readers: ReaderResponse[];
}
