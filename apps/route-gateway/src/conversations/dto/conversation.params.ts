import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CONVERSATION_FORM, CONVERSATION_PATTERN } from '../conversation-access';

export const MAX_PAGE = 200;

export class ConversationParams {
  @ApiProperty({ description: `The conversation: ${CONVERSATION_FORM}.`, example: 'g:1' })
  @Matches(CONVERSATION_PATTERN, { message: `id must be ${CONVERSATION_FORM}` })
  id: string;
}

export class HistoryPageQuery {
  @ApiPropertyOptional({
    description: 'Only messages with a greater seq (the oldest of them first).',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @IsInt()
  after?: number;

  @ApiPropertyOptional({
    description: 'Only messages with a smaller seq; without `after`, the newest of them.',
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @IsInt()
  before?: number;

  @ApiPropertyOptional({
    description: 'At most this many messages.',
    minimum: 1,
    maximum: MAX_PAGE,
    default: 50,
  })
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(MAX_PAGE)
  @IsInt()
  limit: number = 50;
}
