import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from './error-response.dto';

/** Documents an error answer of an endpoint (or of every endpoint of a controller). */
export function ApiError(status: number, description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, type: ErrorResponse });
}

export const TOO_LARGE = 'The request body is larger than 64 KiB.';
export const STORE_DOWN = 'The session store is unavailable.';
