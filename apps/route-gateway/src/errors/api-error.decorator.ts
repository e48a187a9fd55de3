import { apiErrorDecorator } from '@cim/http-api';

/** Documents an error answer of an endpoint (or of every endpoint of a controller). */
export const ApiError = apiErrorDecorator({
  statusCode: 400,
  error: 'Bad Request',
  message: ['name must be shorter than or equal to 32 characters'],
});

export const TOO_LARGE = 'The request body is larger than 64 KiB.';
export const STORE_DOWN = 'The session store is unavailable.';
export const BUSY =
  'The gateway is working on CIM_MAX_LOGINS_UNDER_WAY logins and resumes already: try again after the ' +
  'Retry-After header (seconds), with some jitter.';
export const ONLINE_ALREADY =
  'Refused: the device is already online or connecting (CIM_LOGIN_POLICY "refuse"), another device of ' +
  'its kind is online (CIM_SAME_KIND_POLICY "refuse"), or the user is online on CIM_MAX_DEVICES devices ' +
  'already.';
