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
    return [redisServerBinary(), [...args, '--dir', this.dir, '--daemonize', 'no', ...maxClients]];
  }
}

function redisServerBinary(): string {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
  return execFileSync('sh', ['-c', 'command -v redis-server']).toString().trim();
}
