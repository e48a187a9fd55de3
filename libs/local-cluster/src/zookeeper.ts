import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { sleep } from './ports';
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

  /**
   * ZooKeeper listens before it has loaded its data and serves no session until then (a connection made
   * meanwhile may get no answer at all): on a busy machine that takes seconds. Ready means `srvr` reports
   * a mode, as it does once serving.
   */
  protected override async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await fourLetterWord(this.port, 'srvr');
      if (answer.includes('Mode:')) return;
      if (Date.now() > deadline)
        throw new Error(`ZooKeeper on port ${this.port} did not serve within ${timeoutMs} ms: ${answer}`);
      await sleep(50);
    }
  }
}

/** ZooKeeper's answer to a four-letter command, or the reason there was none. */
function fourLetterWord(port: number, word: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(word));
    const chunks: Buffer[] = [];
    socket.setTimeout(2000, () => socket.destroy(new Error('no answer within 2000 ms')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => resolve(error.message));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function zooKeeperJar(): string {
  for (const p of ['/usr/share/java/zookeeper.jar', '/usr/share/zookeeper/zookeeper.jar'])
    if (existsSync(p)) return p;
  throw new Error('ZooKeeper is not installed: run scripts/ensure-services.sh');
}
