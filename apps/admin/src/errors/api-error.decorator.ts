import { apiErrorDecorator } from '@cim/http-api';

/** Documents an error answer of an endpoint (or of every endpoint of a controller). */
export const ApiError = apiErrorDecorator({
  statusCode: 401,
  error: 'Unauthorized',
  message: 'missing or wrong x-api-key',
});

export const STORE_DOWN = 'The session store (Redis) or the registry (ZooKeeper) is unavailable.';
export const UNKNOWN_USER = 'No user has this id.';
