import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class RegisterRequest {
  @ApiProperty({
    description: 'Unique; 1 to 32 letters, digits, "_", "-" or ".".',
    example: 'alice',
    minLength: 1,
    maxLength: 32,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'name may contain only letters, digits, "_", "-" and "."' })
  name: string;

  @ApiProperty({
    description: '8 to 128 characters.',
    example: 'correct horse battery',
    minLength: 8,
    maxLength: 128,
  })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password: string;
}
