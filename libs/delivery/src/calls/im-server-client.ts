import { ServerInfo } from '@cim/registry';

/** A call to an im-server that failed, timed out, or was answered with an error. */
export class ImServerCallError extends Error {
  constructor(
    readonly serverId: string,
    readonly pattern: string,
    cause: unknown,
  ) {
    super(`im-server ${serverId} failed ${pattern}: ${describe(cause)}`, { cause });
    this.name = 'ImServerCallError';
  }
}

/**
 * Whether a call failed because the server's RPC port refused the connection: no process listens
 * there, so that run of the server is gone (a timeout or a reset says no such thing).
 */
export function isRefused(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e === 'object' && (e as { code?: unknown }).code === 'ECONNREFUSED') return true;
  }
  return false;
}

/** A connection to one im-server's TCP transport. */
export interface ImServerClient {
  /** Answers the reply, or rejects with ImServerCallError; never waits longer than the call timeout. */
  call<R>(pattern: string, payload: unknown): Promise<R>;
  close(): Promise<void>;
}

/** Makes the client of a newly seen im-server; tests give fakes. */
export type ImServerClientFactory = (server: ServerInfo) => ImServerClient;

/** Where the clients report what is worth an operator's eye; Nest's Logger fits. */
export interface ImServerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'object' && cause !== null && 'message' in cause) return String(cause.message);
  return String(cause);
}
