import { join } from 'node:path';
import { Child, freePort, RedisProcess, startChild, waitForHttp } from '@cim/local-cluster';
import { LOG_DIR } from '../cluster/paths';
import { WatchedProcess } from '../cluster/proc';
import { startRedis } from '../cluster/services';
import { ConnectTarget, SystemUnderTest, UserSpec } from '../workloads/system';

/** The nodes take only the websocket transport (no long-polling): the carrier of cim's `--carrier ws`. */
export const SOCKETIO_CARRIER = 'ws' as const;

/** The usual alternative: N Socket.IO nodes sharing one Redis through the Redis adapter. */
export class SocketIoCluster implements SystemUnderTest {
  readonly name = 'socketio' as const;
  readonly carrier = SOCKETIO_CARRIER;
  private children: Child[] = [];
  private nodes: Child[] = [];
  private urls: string[] = [];
  private redis?: RedisProcess;
  private rooms = 0;

  constructor(private readonly fdLimit: number) {}

  async start(servers: number, tag: string): Promise<void> {
    const redis = await startRedis(`${tag}-redis`);
    this.redis = redis;
    this.children.push(redis.child!);
    for (let i = 1; i <= servers; i++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const node = await startChild(
        {
          label: `${tag}-node-${i}`,
          command: process.execPath,
          args: [join(__dirname, 'socketio-node.js')],
          env: { NODE_ENV: 'production', PORT: String(port), REDIS_URL: redis.url, NODE_ID: String(i) },
          fdLimit: this.fdLimit,
          logDir: LOG_DIR,
        },
        () => waitForHttp(`${url}/ready`, 20_000),
      );
      this.children.push(node);
      this.nodes.push(node);
      this.urls.push(url);
    }
  }

  /** No accounts: a user is an id, placed on the nodes in turn as cim's round robin does. */
  async users(count: number): Promise<UserSpec[]> {
    return Array.from({ length: count }, (_, i) => ({
      userId: `u${i}`,
      name: `u${i}`,
      node: i % this.urls.length,
    }));
  }

  /** A room: its members join it when they connect (UserSpec.groups). */
  async createGroup(): Promise<string> {
    return `room-${++this.rooms}`;
  }

  connectTarget(): ConnectTarget {
    return { kind: 'socketio', urls: this.urls };
  }

  servers(): WatchedProcess[] {
    return this.nodes.map((c) => ({ label: c.spec.label, pid: c.pid }));
  }

  processes(): WatchedProcess[] {
    return this.children.filter((c) => !c.exited).map((c) => ({ label: c.spec.label, pid: c.pid }));
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => c.kill()));
    await this.redis?.destroy();
  }
}
