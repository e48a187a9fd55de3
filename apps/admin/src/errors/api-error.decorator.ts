import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from './error-response.dto';

/** Documents an error answer of an endpoint (or of every endpoint of a controller). */
export function ApiError(status: number, description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, type: ErrorResponse });
}

export const STORE_DOWN = 'The session store (Redis) or the registry (ZooKeeper) is unavailable.';
export const UNKNOWN_USER = 'No user has this id.';
