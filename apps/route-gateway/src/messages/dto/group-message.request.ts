import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches } from 'class-validator';
import { USER_ID_FORM, USER_ID_PATTERN } from '@cim/session-store';

export class GroupMessageRequest {
  @ApiProperty({ description: "The sender: the token's user.", example: '10001' })
  @Matches(USER_ID_PATTERN, { message: `$property must be ${USER_ID_FORM}` })
  userId: string;

  @ApiProperty({
    description: 'The text; at most CIM_MAX_BODY_BYTES bytes of UTF-8 (4096 by default).',
    example: 'hello, everyone',
  })
  @IsString()
  @IsNotEmpty({ message: 'body must not be empty' })
  body: string;
}
