/** A login or resume refused because the gateway works on as many as it may: 503 with Retry-After. */
export class GatewayBusyError extends Error {
  constructor(
    underWay: number,
    readonly retryAfterSec: number,
  ) {
    super(`the gateway is busy with ${underWay} logins already; try again in ${retryAfterSec} s`);
    this.name = 'GatewayBusyError';
  }
}

/** A login or resume whose client closed its connection before the gateway got to it: not worked on. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed its connection before the request was worked on');
    this.name = 'ClientGoneError';
  }
}
