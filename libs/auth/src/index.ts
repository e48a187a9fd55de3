export * from './clock';
export * from './token-signer';
export * from './password-hasher';
