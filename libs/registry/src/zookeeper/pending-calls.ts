import { Exception } from 'node-zookeeper-client';
import { ZK, ZooKeeperError } from './zookeeper-codes';

/** How node-zookeeper-client answers a call. */
export type Callback<T> = (error: Error | Exception | null, result: T) => void;

/**
 * The calls of one session still waiting for their answers. The client answers most of them itself when
 * a connection drops, but not all (one whose reply it could not decode, one queued when the session
 * ended): so all are failed when the connection drops or the session ends, and a late answer is ignored.
 */
export class PendingCalls {
  private readonly waiting = new Set<(code: number) => void>();
  private closed = false;

  /** Starts one client call; it settles with the client's answer, or with `failAll` if that comes first. */
  run<T>(path: string, start: (done: Callback<T>) => void): Promise<T> {
    if (this.closed) return Promise.reject(new ZooKeeperError(ZK.SESSION_EXPIRED, 'session over', path));
    return new Promise<T>((resolve, reject) => {
      const fail = (code: number): void => {
        this.waiting.delete(fail);
        const what = code === ZK.CONNECTION_LOSS ? 'connection lost' : 'session over';
        reject(new ZooKeeperError(code, what, path));
      };
      this.waiting.add(fail);
      try {
        start((error, result) => {
          if (!this.waiting.delete(fail)) return;
          if (!error) resolve(result);
          else if (error instanceof Exception)
            reject(new ZooKeeperError(error.getCode(), error.getName(), path));
          else reject(error);
        });
      } catch (error) {
        this.waiting.delete(fail);
        reject(error as Error);
      }
    });
  }

  /** Fails every call waiting, with CONNECTION_LOSS (the connection dropped) or SESSION_EXPIRED. */
  failAll(code: number): void {
    for (const fail of [...this.waiting]) fail(code);
  }

  /** The session is over: fails every call waiting, and refuses new ones. */
  close(): void {
    this.closed = true;
    this.failAll(ZK.SESSION_EXPIRED);
  }
}
