/** A simulator failure with the HTTP status and vendor error code it maps to. */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';

  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The vendor's code and message for a status when nothing more specific is known. */
export function vendorErrorFor(httpStatus: number): { code: string; message: string } {
  switch (httpStatus) {
    case 400:
      return { code: 'InvalidParameter', message: 'Invalid parameter.' };
    case 401:
      return { code: 'InvalidApiKey', message: 'Invalid API-key provided.' };
    case 403:
      return { code: 'AccessDenied', message: 'Access denied.' };
    case 404:
      return { code: 'NotFound', message: 'Not Found!' };
    case 429:
      return { code: 'Throttling', message: 'Requests throttling triggered.' };
    case 503:
      return { code: 'ServiceUnavailable', message: 'Service unavailable, please try again later.' };
    default:
      return { code: 'InternalError', message: 'Internal server error!' };
  }
}

/** The 404 the API answers for an unknown id or route. */
export function notFound(): SimulatorError {
  return new SimulatorError(404, 'NotFound', 'Not Found!');
}

/** A 400 `InvalidParameter`, the code DashScope uses for every bad query value. */
export function invalidParameter(message: string): SimulatorError {
  return new SimulatorError(400, 'InvalidParameter', message);
}
