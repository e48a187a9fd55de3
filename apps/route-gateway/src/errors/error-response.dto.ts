import { ApiProperty } from '@nestjs/swagger';

/** The body of every error answer. */
export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({
    description: 'What was wrong: one text, or one text per failing field for validation errors.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['name must be shorter than or equal to 32 characters'],
  })
  message: string | string[];
}
