import { apiErrorDecorator } from '@cim/http-api';

/** Documents an error answer of an endpoint (or of every endpoint of a controller). */
export const ApiError = apiErrorDecorator({
  statusCode: 400,
  error: 'Bad Request',
  message: ['name must be shorter than or equal to 32 characters'],
});

export const TOO_LARGE = 'The request body is larger than 64 KiB.';
export const STORE_DOWN = 'The session store is unavailable.';
