/**
 * ZooKeeper's result codes (KeeperException.Code) and create modes, as node-zookeeper-client's
 * Exception and CreateMode carry them (the same numbers in every ZooKeeper client), and the error a
 * failed call rejects with.
 */
export const ZK = {
  OK: 0,
  CONNECTION_LOSS: -4,
  OPERATION_TIMEOUT: -7,
  NO_NODE: -101,
  NODE_EXISTS: -110,
  SESSION_EXPIRED: -112,
  PERSISTENT: 0,
  EPHEMERAL: 1,
} as const;

/** A ZooKeeper call failed; `code` is ZooKeeper's result code (see ZK). */
export class ZooKeeperError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly path: string,
  ) {
    super(`ZooKeeper ${message} (${code}) at ${path}`);
    this.name = 'ZooKeeperError';
  }
}

/** Codes after which the same call can succeed once connected again, possibly in a new session. */
const RETRYABLE = new Set<number>([ZK.CONNECTION_LOSS, ZK.OPERATION_TIMEOUT, ZK.SESSION_EXPIRED]);

export function isRetryable(error: unknown): boolean {
  return error instanceof ZooKeeperError && RETRYABLE.has(error.code);
}

export function hasCode(error: unknown, code: number): boolean {
  return error instanceof ZooKeeperError && error.code === code;
}
