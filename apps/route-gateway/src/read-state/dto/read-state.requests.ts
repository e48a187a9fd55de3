import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

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
