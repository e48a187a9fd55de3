import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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
}
