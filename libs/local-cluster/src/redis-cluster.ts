import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, sleep } from './ports';
import { redisServerBinary, RedisProcess } from './redis';

const run = promisify(execFile);

/** CLUSTER FAILOVER's option: none (the replica catches up first), FORCE or TAKEOVER. */
export type FailoverMode = '' | 'FORCE' | 'TAKEOVER';

export interface RedisClusterOptions {
  /** Masters, each holding a third (or so) of the slots; default 3. */
  masters?: number;
  /** Replicas per master; default 0. */
  replicasPerMaster?: number;
  /** Where each node's output goes (redis-cluster-<port>.log); without it the output is dropped. */
  logDir?: string;
  /** An append-only file per node, as in production (default); off for measuring the message path. */
  persistence?: boolean;
  /** How long start() waits for cluster_state:ok on every node (default 30 s). */
  readyTimeoutMs?: number;
}

/**
 * A real Redis Cluster on loopback: one redis-server per node in its own directory (cluster bus ports
 * chosen below the ephemeral range too), joined by `redis-cli --cluster create`, ready once every node
 * reports cluster_state:ok.
 */
export class RedisClusterProcess {
  readonly nodes: RedisProcess[] = [];

  constructor(private readonly options: RedisClusterOptions = {}) {}

  /** The nodes as host:port,host:port,… (the form of CIM_REDIS_CLUSTER_NODES). */
  get seeds(): string {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  async start(): Promise<void> {
    const { masters = 3, replicasPerMaster = 0, logDir, persistence } = this.options;
    for (let i = 0; i < masters * (1 + replicasPerMaster); i++) {
      const [port, bus] = [await freePort(), await freePort()];
      const node = new RedisProcess({
        label: `redis-cluster-${port}`,
        logDir,
        persistence,
        clusterBusPort: bus,
      });
      node.port = port;
      this.nodes.push(node);
    }
    await Promise.all(this.nodes.map((n) => n.start()));
    const addresses = this.nodes.map((n) => `127.0.0.1:${n.port}`);
    await run(redisCli(), [
      '--cluster',
      'create',
      ...addresses,
      '--cluster-replicas',
      String(replicasPerMaster),
      '--cluster-yes',
    ]);
    await this.waitUntilOk(this.options.readyTimeoutMs ?? 30_000);
  }

  /**
   * Resolves once every node answers cluster_state:ok and knows every node, and every master reports
   * its replicas online (in sync); rejects after the deadline.
   */
  async waitUntilOk(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.isOk().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`the Redis Cluster was not ok within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  /** The ports of the running nodes that are masters now (a failover changes them). */
  async masterPorts(): Promise<number[]> {
    const running = this.nodes.filter((n) => n.child);
    const roles = await Promise.all(running.map((n) => this.cli(n.port, 'role')));
    return running.filter((_, i) => roles[i].startsWith('master')).map((n) => n.port);
  }

  /** The port of a replica of the master on the port, as the master reports it. */
  async replicaOf(masterPort: number): Promise<number> {
    const replication = await this.cli(masterPort, 'info', 'replication');
    const port = /^slave0:.*port=(\d+)/m.exec(replication)?.[1];
    if (!port) throw new Error(`the Redis node on port ${masterPort} has no replica`);
    return Number(port);
  }

  /**
   * Runs CLUSTER FAILOVER (plain, FORCE or TAKEOVER) on the replica on the port, then waits until it is a
   * master and the whole cluster is ok again (its old master back in sync as its replica). A master that
   * was killed must be started again meanwhile: use promote() for that case.
   */
  async failover(replicaPort: number, mode: FailoverMode = '', timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.promote(replicaPort, mode, timeoutMs);
    await this.waitUntilOk(Math.max(0, deadline - Date.now()));
  }

  /** Runs CLUSTER FAILOVER (plain, FORCE or TAKEOVER) on the replica on the port; resolves once it is a master. */
  async promote(replicaPort: number, mode: FailoverMode = '', timeoutMs = 30_000): Promise<void> {
    const answer = await this.cli(replicaPort, 'cluster', 'failover', ...(mode ? [mode] : []));
    if (!answer.startsWith('OK')) throw new Error(`CLUSTER FAILOVER ${mode} answered ${answer.trim()}`);
    const deadline = Date.now() + timeoutMs;
    while (!(await this.cli(replicaPort, 'role')).startsWith('master')) {
      if (Date.now() > deadline) throw new Error(`port ${replicaPort} was no master within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /** CLUSTER INFO of the node on the port. */
  async info(port: number): Promise<string> {
    return (await run(redisCli(), ['-p', String(port), 'cluster', 'info'])).stdout;
  }

  /** Runs redis-cli with the arguments against the node on the port; answers its output. */
  async cli(port: number, ...args: string[]): Promise<string> {
    return (await run(redisCli(), ['-p', String(port), ...args])).stdout;
  }

  private async isOk(): Promise<boolean> {
    const running = this.nodes.filter((n) => n.child);
    const states = await Promise.all(running.map((n) => this.info(n.port)));
    const known = `cluster_known_nodes:${this.nodes.length}`;
    if (!states.every((s) => s.includes('cluster_state:ok') && s.includes(known))) return false;
    const wanted = this.options.replicasPerMaster ?? 0;
    for (const port of await this.masterPorts()) {
      const replication = await this.cli(port, 'info', 'replication');
      const online = replication.match(/^slave\d+:.*state=online/gm) ?? [];
      if (online.length < wanted) return false;
    }
    return true;
  }

  async destroy(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.destroy()));
  }
}

/** redis-cli, installed beside redis-server. */
function redisCli(): string {
  return join(dirname(redisServerBinary()), 'redis-cli');
}
