export * from './auth/rpc-authenticator';
export * from './auth/rpc-listener';
export * from './auth/authenticated-socket';
export * from './auth/connection-reset';
export * from './auth/rpc-refusal';
export * from './validation/rpc-validation.pipe';
