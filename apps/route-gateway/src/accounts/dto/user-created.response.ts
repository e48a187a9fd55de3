import { ApiProperty } from '@nestjs/swagger';

export class UserCreatedResponse {
  @ApiProperty({ example: '10001' })
  userId: string;

  @ApiProperty({ example: 'alice' })
  name: string;
}
