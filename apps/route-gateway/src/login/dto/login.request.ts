import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { USER_ID_FORM, USER_ID_PATTERN } from '@cim/session-store';

/** Name or user id, and the password. */
export class LoginRequest {
  @ApiPropertyOptional({ description: 'The user name; give it or userId.', example: 'alice' })
  @ValidateIf((request: LoginRequest) => request.name !== undefined || request.userId === undefined)
  @IsString({ message: 'name must be a string (give name or userId)' })
  @IsNotEmpty()
  @MaxLength(32)
  name?: string;

  @ApiPropertyOptional({ description: 'The user id; give it or name.', example: '10001' })
  @ValidateIf((request: LoginRequest) => request.userId !== undefined)
  @Matches(USER_ID_PATTERN, { message: `$property must be ${USER_ID_FORM}` })
  userId?: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}
