/** The body of every error answer of an HTTP API: `{ statusCode, error, message }`. */
export interface ErrorResponseBody {
  statusCode: number;
  error: string;
  /** One text, or one text per failing field for validation errors. */
  message: string | string[];
}

const STATUS_TEXT: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The error body for a status; a status without a name here is called 'Error'. */
export function errorResponse(statusCode: number, message: string | string[]): ErrorResponseBody {
  return { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message };
}
