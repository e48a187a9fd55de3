import { ApiProperty } from '@nestjs/swagger';

/** The body of every error answer, as on the route-gateway. */
export class ErrorResponse {
  @ApiProperty({ example: 401 })
  statusCode: number;

  @ApiProperty({ example: 'Unauthorized' })
  error: string;

  @ApiProperty({
    description: 'What was wrong: one text, or one text per failing field for validation errors.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'missing or wrong x-api-key',
  })
  message: string | string[];
}
