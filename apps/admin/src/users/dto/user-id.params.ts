import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class UserIdParams {
  @ApiProperty({ example: '10001' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'userId must be 1 to 64 letters, digits, - or _' })
  userId: string;
}
