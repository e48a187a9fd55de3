import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { USER_ID_FORM, USER_ID_PATTERN } from '@cim/session-store';

export class UserIdParams {
  @ApiProperty({ example: '10001' })
  @Matches(USER_ID_PATTERN, { message: `$property must be ${USER_ID_FORM}` })
  userId: string;
}
