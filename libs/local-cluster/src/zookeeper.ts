import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceOptions, ServiceProcess } from './service-process';

export interface ZooKeeperOptions extends ServiceOptions {
  /** Its tick (default 500 ms): session timeouts are bounded by 2 and 20 ticks. */
  tickTimeMs?: number;
}

/** A standalone ZooKeeper (the Debian package's jar) on a free loopback port. */
export class ZooKeeperProcess extends ServiceProcess {
  constructor(private readonly zk: ZooKeeperOptions = {}) {
    super('zookeeper', zk);
  }

  get connectString(): string {
    return `127.0.0.1:${this.port}`;
  }

  protected command(): [string, string[]] {
    const cfg = join(this.dir, 'zoo.cfg');
    writeFileSync(
      cfg,
      [
        `tickTime=${this.zk.tickTimeMs ?? 500}`,
        `dataDir=${join(this.dir, 'data')}`,
        `clientPort=${this.port}`,
        'clientPortAddress=127.0.0.1',
        'admin.enableServer=false',
        'maxSessionTimeout=60000',
        'minSessionTimeout=1000',
        '4lw.commands.whitelist=*',
      ].join('\n'),
    );
    const mainClass = 'org.apache.zookeeper.server.ZooKeeperServerMain';
    return ['java', ['-Xmx256m', '-cp', zooKeeperJar(), mainClass, cfg]];
  }
}

function zooKeeperJar(): string {
  for (const p of ['/usr/share/java/zookeeper.jar', '/usr/share/zookeeper/zookeeper.jar'])
    if (existsSync(p)) return p;
  throw new Error('ZooKeeper is not installed: run scripts/ensure-services.sh');
}
