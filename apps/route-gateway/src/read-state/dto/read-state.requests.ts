import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { MarkReadRequest } from '@cim/protocol';
import { CONVERSATION_FORM, CONVERSATION_PATTERN } from '../../conversations/conversation-access';

const MAX_SEQ = Number.MAX_SAFE_INTEGER;

export class MarkReadBody {
  @ApiProperty({
    description: "Read up to this seq (at most the conversation's last); a pointer never moves back.",
    minimum: 0,
    example: 42,
  })
  @Min(0)
  @Max(MAX_SEQ)
  @IsInt()
  seq: number;
}

export class ReadersQuery {
  @ApiProperty({ description: 'The seq of the message asked about.', minimum: 1, example: 42 })
  @Type(() => Number)
  @Min(1)
  @Max(MAX_SEQ)
  @IsInt()
  seq: number;
}

/** A client's MARK_READ as its im-server relays it. */
export class MarkReadRequestDto implements MarkReadRequest {
  @IsString()
  userId: string;

  @IsString()
  sessionId: string;

  @Matches(CONVERSATION_PATTERN, { message: `conversation must be ${CONVERSATION_FORM}` })
  conversation: string;

  @Min(0)
  @Max(MAX_SEQ)
  @IsInt()
  seq: number;
}
