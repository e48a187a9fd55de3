/**
 * Shows libuv aborting a process in which the native ZooKeeper client (the `zookeeper` package) let go
 * of a poll handle late: see docs/guarantees.md, "What the guard does not cover".
 *
 * A "ZooKeeper" that accepts but never answers makes the client's connection attempt time out: the C
 * client closes that socket inside zookeeper_interest() and the addon's yield() returns early, keeping a
 * poll handle on the closed descriptor. A socket opened now gets the same number (the lowest free); the
 * client's next try closes the old handle, which deletes that socket from epoll (EPOLL_CTL_DEL); writing
 * more than the socket can take makes libuv ask for POLLOUT with EPOLL_CTL_MOD, which fails (ENOENT),
 * and libuv calls abort(). Exit status 134 is the abort (7 runs of 8 here on Node 20.20 and 24.22; in
 * the others the client's next try came before the new socket was in epoll); "survived" every time
 * would mean the bug is gone.
 *
 *   node scripts/native-zookeeper-abort.js     (`strace -f -e trace=epoll_ctl,close` shows the steps)
 */
const { spawn } = require('node:child_process');
const net = require('node:net');
const { readdirSync, readlinkSync, readFileSync } = require('node:fs');
const ZooKeeper = require('zookeeper');

const silentPort = 21000 + (process.pid % 5000);
const sinkPort = silentPort + 1;
const peer = spawn(
  process.execPath,
  [
    '-e',
    `
  const net = require('net');
  const keep = [];
  process.stdin.on('end', () => process.exit()).resume();
  net.createServer((s) => { keep.push(s); s.pause(); }).listen(${silentPort}, '127.0.0.1');
  net.createServer((s) => { keep.push(s); s.pause(); }).listen(${sinkPort}, '127.0.0.1', () => console.log('up'));
`,
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);

function socketFdsTo(port) {
  const inodes = new Set();
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[2] && parseInt(f[2].split(':')[1], 16) === port) inodes.add(f[9]);
  }
  return readdirSync('/proc/self/fd')
    .map(Number)
    .filter((fd) => {
      try {
        return inodes.has(/socket:\[(\d+)\]/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1]);
      } catch {
        return false;
      }
    });
}
const log = (...a) => console.log(new Date().toISOString().slice(11, 23), ...a);

peer.stdout.once('data', () => {
  const zk = new ZooKeeper({});
  zk.on('connect', () => log('zk connected?!'));
  zk.native.init({ connect: `127.0.0.1:${silentPort}`, timeout: 3000, debug_level: 1 });
  let attempt;
  const watch = setInterval(() => {
    const now = socketFdsTo(silentPort);
    if (attempt === undefined && now.length) {
      attempt = now[0];
      log('zk attempt socket on fd', attempt);
    }
    if (attempt !== undefined && !now.includes(attempt)) {
      clearInterval(watch);
      const victim = net.connect(sinkPort, '127.0.0.1');
      victim.on('connect', () => {
        const fds = socketFdsTo(sinkPort);
        log('zk attempt timed out and closed fd', attempt, '; the new socket got fd', fds);
        setTimeout(() => {
          log('writing 64 MiB to the new socket (needs POLLOUT: EPOLL_CTL_MOD)');
          victim.write(Buffer.alloc(64 << 20));
          setTimeout(() => {
            log('survived');
            process.exit(0);
          }, 2000);
        }, 2500);
      });
    }
  }, 2);
});
process.on('exit', () => peer.kill());
