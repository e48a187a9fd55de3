import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, startChild } from './child';
import { freePort, waitForPort } from './ports';

/**
 * A redis-server of the bench's own on a free loopback port, without persistence (no RDB snapshots,
 * no append-only file): the bench measures the message path, not the disk.
 */
export async function startRedis(label: string): Promise<{ child: Child; url: string; dir: string }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cim-bench-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = await startChild(
    {
      label,
      command: 'redis-server',
      args: [...args, '--dir', dir, '--maxclients', '10000'],
      fdLimit: 20_000,
    },
    () => waitForPort(port, 20_000),
  );
  return { child, url: `redis://127.0.0.1:${port}`, dir };
}

/** A standalone ZooKeeper (the Debian package's jar) on a free loopback port. */
export async function startZooKeeper(label: string): Promise<{ child: Child; connect: string; dir: string }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cim-bench-zk-'));
  const cfg = join(dir, 'zoo.cfg');
  writeFileSync(
    cfg,
    [
      'tickTime=500',
      `dataDir=${join(dir, 'data')}`,
      `clientPort=${port}`,
      'clientPortAddress=127.0.0.1',
      'admin.enableServer=false',
      'maxSessionTimeout=60000',
      'minSessionTimeout=1000',
    ].join('\n'),
  );
  const mainClass = 'org.apache.zookeeper.server.ZooKeeperServerMain';
  const child = await startChild(
    {
      label,
      command: 'java',
      args: ['-Xmx256m', '-cp', '/usr/share/java/zookeeper.jar', mainClass, cfg],
    },
    () => waitForPort(port, 30_000),
  );
  return { child, connect: `127.0.0.1:${port}`, dir };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
