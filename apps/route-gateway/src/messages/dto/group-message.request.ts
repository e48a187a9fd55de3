import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class GroupMessageRequest {
  @ApiProperty({ description: "The sender: the token's user.", example: '10001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  userId: string;

  @ApiProperty({
    description: 'The text; at most CIM_MAX_BODY_BYTES bytes of UTF-8 (4096 by default).',
    example: 'hello, everyone',
  })
  @IsString()
  @IsNotEmpty({ message: 'body must not be empty' })
  body: string;
}
