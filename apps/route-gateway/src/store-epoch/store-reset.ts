import { GatewayError } from '../errors/gateway-error';

/** What a request made in the store's earlier epoch is told. */
export const STORE_RESET_TEXT =
  'the session store was reset and lost its data after this session began: nothing sent now can be ' +
  'delivered; log in again (an account made before the reset must register again)';

export function storeReset(): GatewayError {
  return new GatewayError('StoreReset', STORE_RESET_TEXT);
}
