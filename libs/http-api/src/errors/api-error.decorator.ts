import { Type } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import { ErrorResponseBody } from './error-response';

/** Documents an error answer of an endpoint (or of every endpoint of a controller). */
export type ApiErrorDecorator = (status: number, description: string) => MethodDecorator & ClassDecorator;

/**
 * The app's `@ApiError(status, description)`: its answers are documented with the ErrorResponse model,
 * whose example is the given body (each app shows a typical error of its own).
 */
export function apiErrorDecorator(example: ErrorResponseBody): ApiErrorDecorator {
  const type = errorResponseModel(example);
  return (status, description) => ApiResponse({ status, description, type });
}

function errorResponseModel(example: ErrorResponseBody): Type<ErrorResponseBody> {
  /** The body of every error answer. */
  class ErrorResponse implements ErrorResponseBody {
    @ApiProperty({ example: example.statusCode })
    statusCode: number;

    @ApiProperty({ example: example.error })
    error: string;

    @ApiProperty({
      description: 'What was wrong: one text, or one text per failing field for validation errors.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      example: example.message,
    })
    message: string | string[];
  }
  return ErrorResponse;
}
