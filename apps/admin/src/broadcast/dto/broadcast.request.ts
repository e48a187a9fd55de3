import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class BroadcastRequest {
  @ApiProperty({
    description: 'At most CIM_MAX_BODY_BYTES bytes of UTF-8.',
    example: 'Maintenance at 22:00 UTC.',
  })
  @IsString()
  @MinLength(1)
  body: string;

  @ApiPropertyOptional({
    description: "The sender name clients show; 'system' when absent.",
    example: 'ops',
    maxLength: 32,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  sender?: string;
}
