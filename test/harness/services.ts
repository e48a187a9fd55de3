import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './ports';

/** A real service process started for the suites, in a temporary directory, on a free port. */
abstract class ServiceProcess {
  protected child?: ChildProcess;
  readonly dir: string;
  port = 0;

  constructor(private readonly name: string) {
    this.dir = mkdtempSync(join(tmpdir(), `cim-${name}-`));
  }

  protected abstract command(): [string, string[]];

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const [cmd, args] = this.command();
    const child = spawn(cmd, args, { cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'], detached: false });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    this.child = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`${this.name} exited with ${code}: ${stderr}`))),
    );
    await Promise.race([waitForPort(this.port, 20000), exited]);
  }

  /** Stops the process; the port is kept so that a restart comes back at the same address. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.child = undefined;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class RedisProcess extends ServiceProcess {
  constructor() {
    super('redis');
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  protected command(): [string, string[]] {
    // An append-only file in the temporary directory, so that a restart keeps the data, as in production.
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes'];
    return [redisServerBinary(), [...args, '--dir', this.dir, '--daemonize', 'no']];
  }
}

export class ZooKeeperProcess extends ServiceProcess {
  constructor(private readonly tickTimeMs = 500) {
    super('zookeeper');
  }

  get connectString(): string {
    return `127.0.0.1:${this.port}`;
  }

  protected command(): [string, string[]] {
    const cfg = join(this.dir, 'zoo.cfg');
    writeFileSync(
      cfg,
      [
        `tickTime=${this.tickTimeMs}`,
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

function redisServerBinary(): string {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
  return execFileSync('sh', ['-c', 'command -v redis-server']).toString().trim();
}

function zooKeeperJar(): string {
  for (const p of ['/usr/share/java/zookeeper.jar', '/usr/share/zookeeper/zookeeper.jar'])
    if (existsSync(p)) return p;
  throw new Error('ZooKeeper is not installed: run scripts/ensure-services.sh');
}
