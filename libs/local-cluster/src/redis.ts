import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ServiceOptions, ServiceProcess } from './service-process';

export interface RedisOptions extends ServiceOptions {
  /**
   * An append-only file in the temporary directory, so that a restart keeps the data as in production
   * (default). Off: no persistence at all, for measuring the message path rather than the disk.
   */
  persistence?: boolean;
  maxClients?: number;
  /**
   * A Redis Cluster node (--cluster-enabled yes, nodes.conf in its own directory) whose cluster bus
   * listens on this port: below the ephemeral range, unlike the default (the client port + 10000).
   */
  clusterBusPort?: number;
}

/** A redis-server on a free loopback port. */
export class RedisProcess extends ServiceProcess {
  constructor(private readonly redis: RedisOptions = {}) {
    super('redis', redis);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  protected command(): [string, string[]] {
    const appendOnly = this.redis.persistence === false ? 'no' : 'yes';
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      appendOnly,
    ];
    const maxClients = this.redis.maxClients ? ['--maxclients', String(this.redis.maxClients)] : [];
    const bus = this.redis.clusterBusPort;
    const cluster = bus
      ? ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(bus)]
      : [];
    return [
      redisServerBinary(),
      [...args, '--dir', this.dir, '--daemonize', 'no', ...maxClients, ...cluster],
    ];
  }
}

export function redisServerBinary(): string {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
  return execFileSync('sh', ['-c', 'command -v redis-server']).toString().trim();
}
