import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

import { GROUP_ID_PATTERN } from '@cim/session-store';

export const MAX_PUSH_RECEIVERS = 1000;

export class PushRequest {
  @ApiPropertyOptional({
    description:
      `The receivers (1 to ${MAX_PUSH_RECEIVERS} user ids); give one of userIds, all and groupId. ` +
      'Strings that are not ids of registered users are listed in `unknown`.',
    type: [String],
    example: ['10001', '10002'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PUSH_RECEIVERS)
  @IsString({ each: true, message: 'each userId must be a string' })
  @MaxLength(64, { each: true, message: 'each userId must be at most 64 characters' })
  userIds?: string[];

  @ApiPropertyOptional({
    description:
      'true: to everyone online now (not kept for anyone offline); give one of userIds, all and groupId.',
    enum: [true],
  })
  @IsOptional()
  @Equals(true, { message: 'all must be true when given' })
  all?: true;

  @ApiPropertyOptional({
    description:
      'A group with membership: to its members online now (not kept for those offline); ' +
      'give one of userIds, all and groupId.',
    example: '1',
  })
  @IsOptional()
  @Matches(GROUP_ID_PATTERN, { message: 'groupId must be a decimal group id such as 1' })
  groupId?: string;

  @ApiProperty({
    description: 'At most CIM_MAX_BODY_BYTES bytes of UTF-8.',
    example: 'Your order has shipped.',
  })
  @IsString()
  @MinLength(1)
  body: string;

  @ApiPropertyOptional({
    description: "A label of the pushing backend, shown as the sender's name; 'system' when absent.",
    example: 'shop',
    maxLength: 32,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  sender?: string;
}
