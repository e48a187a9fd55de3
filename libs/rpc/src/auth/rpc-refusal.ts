/** The RpcFailure code of a call made on a connection that did not authenticate. */
export const RPC_UNAUTHENTICATED = 'Unauthenticated';

/** The cim_errors_total cause of a refused RPC connection. */
export const RPC_UNAUTHENTICATED_CAUSE = 'rpc_unauthenticated';
