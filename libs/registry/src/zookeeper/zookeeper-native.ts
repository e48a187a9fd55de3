/**
 * The part of the npm `zookeeper` package (a binding of the official C client) that the registry uses,
 * typed from its lib/zookeeper.js and src/node-zk.cpp: the package's own typings say `client_id` is a
 * number, but it is the session id as a hex string, the form `Stat.ephemeralOwner` takes too.
 */

/** Result codes and constants of the ZooKeeper C API (zookeeper.h); they are stable across releases. */
export const ZK = {
  OK: 0,
  CONNECTION_LOSS: -4,
  OPERATION_TIMEOUT: -7,
  INVALID_STATE: -9,
  NO_NODE: -101,
  NODE_EXISTS: -110,
  SESSION_EXPIRED: -112,
  CLOSING: -116,
  SESSION_MOVED: -118,
  PERSISTENT: 0,
  EPHEMERAL: 1,
  /** The event type a watcher receives for session state changes; the watch itself stays armed. */
  SESSION_EVENT: -1,
} as const;

export interface NativeStat {
  version: number;
  /** The owning session's id in hex, '0' for a persistent node. */
  ephemeralOwner: string;
}

export type WatchCallback = (type: number, state: number, path: string) => void;

/** Each `a_*`/`aw_*` call answers a negative code when it fails at once; its callback is then never called. */
export interface NativeClient {
  /** The binding itself: its init() answers an Error (instead of throwing) for a bad connect string. */
  readonly native: { init(config: object): unknown };
  /** Session id in hex, after the first connection. */
  readonly client_id: string;
  /** Session password in hex: with the id, what a second client needs to join the session. */
  readonly client_password: string;
  /** The negotiated session timeout in milliseconds, -1 once closed. */
  readonly timeout: number;
  /**
   * Session events: 'connect' on every (re)connection, 'connecting' when the connection is lost,
   * 'close' once with a code: 0 after close(), ZK.SESSION_EXPIRED (-112) when the server expired the
   * session or the connection stopped answering. A closed client can never be used again.
   */
  on(event: 'connect' | 'connecting', listener: () => void): this;
  on(event: 'close', listener: (client: unknown, code: number) => void): this;
  close(): void;
  a_create(
    path: string,
    data: string,
    flags: number,
    cb: (rc: number, error: string, path: string) => void,
  ): number;
  a_exists(path: string, watch: boolean, cb: StatCallback): number;
  a_get(path: string, watch: boolean, cb: DataCallback): number;
  aw_get(path: string, watcher: WatchCallback, cb: DataCallback): number;
  a_get_children(path: string, watch: boolean, cb: ChildrenCallback): number;
  aw_get_children(path: string, watcher: WatchCallback, cb: ChildrenCallback): number;
  a_set(path: string, data: string, version: number, cb: StatCallback): number;
  a_delete_(path: string, version: number, cb: (rc: number, error: string) => void): number;
}

type StatCallback = (rc: number, error: string, stat: NativeStat) => void;
type DataCallback = (rc: number, error: string, stat: NativeStat, data: Buffer | null) => void;
type ChildrenCallback = (rc: number, error: string, children: string[]) => void;

export type NativeClientConstructor = new (config: object) => NativeClient;

/**
 * Loads the native addon. Called when a ZooKeeperRegistry is built, never at import time, so that the
 * embedded mode (in-memory registry) runs without it.
 */
export function loadNativeZooKeeper(): NativeClientConstructor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  return require('zookeeper') as NativeClientConstructor;
}
