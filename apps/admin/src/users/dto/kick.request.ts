import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DEVICE_ID_FORM, DEVICE_ID_PATTERN } from '@cim/session-store';

export class KickRequest {
  @ApiPropertyOptional({
    description: 'Told to the client in the KICKED frame.',
    example: 'kicked by an operator',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reason?: string;

  @ApiPropertyOptional({
    description:
      "Kick only this device of the user's (see `devices` in the user's state); absent: every device.",
    example: 'laptop-3f9c',
  })
  @IsOptional()
  @Matches(DEVICE_ID_PATTERN, { message: `deviceId must be ${DEVICE_ID_FORM}` })
  deviceId?: string;
}
