export * from './clock';
export * from './token-signer';
export * from './password-hasher';
export * from './rate-limiter';
export * from './resume-credential';
