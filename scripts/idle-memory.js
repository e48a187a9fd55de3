#!/usr/bin/env node
// What an idle logged-in connection costs one im-server: its heap and RSS per connection after a full
// garbage collection, beside the RSS figure W3 of `npm run bench` takes (3 s after the ramp, no GC).
//
//   node scripts/build.js && node scripts/idle-memory.js [connections=5000] [--carrier ws] [--snapshot]
//
// Starts the bench's cim (dist/apps/bench: Redis, ZooKeeper, a route-gateway, one im-server, all on
// loopback, the im-server with its inspector on 127.0.0.1), collects garbage through the inspector,
// connects the users as W3 does (two load workers, from 127.0.0.2 and 127.0.0.3), waits 3 s, reads
// again, collects garbage and reads once more. With --snapshot it also takes a heap snapshot before and
// after and prints what grew, by kind of object, per connection (the snapshots pause the server for
// seconds: take the RSS figures from a run without). Prints JSON; writes .tmp/idle-memory/.
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const WebSocket = require('ws');

const root = join(__dirname, '..');
const bench = join(root, 'dist/apps/bench/apps/bench/src');
const { CimCluster } = require(join(bench, 'cluster/cim-cluster.js'));
const { LoadPool } = require(join(bench, 'load/load-pool.js'));
const { rssKib } = require(join(bench, 'cluster/proc.js'));
const { LOG_DIR } = require(join(bench, 'cluster/paths.js'));

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const requested = Number(args.find((a) => /^\d+$/.test(a)) ?? 5000);
const carrier = flag('--carrier') ?? 'tcp';
const snapshots = args.includes('--snapshot');
const outDir = join(root, '.tmp', 'idle-memory');
const SETTLE_MS = 3000;
const RUN_LIMIT_MS = 30 * 60_000;

/** Just enough of the Chrome DevTools Protocol: commands, and the chunks of a heap snapshot. */
class Inspector {
  constructor(url) {
    this.ws = new WebSocket(url, { maxPayload: 2 ** 31 });
    this.next = 0;
    this.waiting = new Map();
    this.chunks = [];
    this.ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.method === 'HeapProfiler.addHeapSnapshotChunk') this.chunks.push(message.params.chunk);
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
      else waiter.resolve(message.result);
    });
  }

  open() {
    return new Promise((resolve, reject) => this.ws.once('open', resolve).once('error', reject));
  }

  send(method, params = {}) {
    const id = ++this.next;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }

  async collectGarbage() {
    for (let i = 0; i < 3; i++) await this.send('HeapProfiler.collectGarbage');
  }

  async memoryUsage() {
    const expression = 'JSON.stringify(process.memoryUsage())';
    const { result } = await this.send('Runtime.evaluate', { expression, returnByValue: true });
    return JSON.parse(result.value);
  }

  async snapshot(file) {
    this.chunks = [];
    await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    writeFileSync(file, this.chunks.join(''));
    this.chunks = [];
    return file;
  }
}

/** Self sizes and counts by (node type, constructor name) in a heap snapshot. */
function kinds(file) {
  const { snapshot, nodes, strings } = JSON.parse(readFileSync(file, 'utf8'));
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const stringTypes = new Set(['string', 'concatenated string', 'sliced string']);
  const by = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const t = types[nodes[i + type]];
    const n = stringTypes.has(t) ? '' : t === 'code' ? '' : strings[nodes[i + name]].slice(0, 40);
    const key = `${t} ${n}`.trim();
    const entry = by.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += nodes[i + size];
    by.set(key, entry);
  }
  return by;
}

function grewPerConnection(beforeFile, afterFile, connections) {
  const [before, after] = [kinds(beforeFile), kinds(afterFile)];
  return [...after]
    .map(([kind, { count, bytes }]) => {
      const was = before.get(kind) ?? { count: 0, bytes: 0 };
      return {
        kind,
        bytes: Math.round((bytes - was.bytes) / connections),
        count: Math.round(((count - was.count) / connections) * 100) / 100,
      };
    })
    .filter((row) => row.bytes >= 8)
    .sort((a, b) => b.bytes - a.bytes);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const cluster = new CimCluster({
    fdLimit: 20_000,
    profile: false,
    gateways: 1,
    carrier,
    env: { NODE_OPTIONS: '--inspect=127.0.0.1:0' },
  });
  let pool;
  try {
    await cluster.start(1, 'idle');
    const log = readFileSync(join(LOG_DIR, 'idle-im-1.log'), 'utf8');
    const inspector = new Inspector(/Debugger listening on (ws:\/\/\S+)/.exec(log)[1]);
    await inspector.open();
    const users = await cluster.users(requested);
    pool = LoadPool.start(2);
    const [server] = cluster.servers();
    await inspector.collectGarbage();
    const before = { ...(await inspector.memoryUsage()), rssKib: rssKib(server.pid) };
    const beforeSnapshot = snapshots && (await inspector.snapshot(join(outDir, 'before.heapsnapshot')));
    const rssBeforeKib = rssKib(server.pid);
    const ramp = await pool.connect(cluster.connectTarget(), users, 64, ['127.0.0.2', '127.0.0.3']);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const settled = { ...(await inspector.memoryUsage()), rssKib: rssKib(server.pid) };
    await inspector.collectGarbage();
    const collected = { ...(await inspector.memoryUsage()), rssKib: rssKib(server.pid) };
    const n = ramp.placed.length;
    const perConnection = (from, to) => Math.round((to - from) / n);
    const result = {
      carrier,
      connections: n,
      failed: ramp.failed,
      firstError: ramp.firstError,
      perConnection: {
        rssAsW3: perConnection(rssBeforeKib * 1024, settled.rssKib * 1024),
        heapUsedAsW3: perConnection(before.heapUsed, settled.heapUsed),
        rssAfterGc: perConnection(rssBeforeKib * 1024, collected.rssKib * 1024),
        heapUsedAfterGc: perConnection(before.heapUsed, collected.heapUsed),
        heapTotalAfterGc: perConnection(before.heapTotal, collected.heapTotal),
        outsideHeapAfterGc: perConnection(
          rssBeforeKib * 1024 - before.heapTotal,
          collected.rssKib * 1024 - collected.heapTotal,
        ),
      },
      before,
      settled,
      collected,
    };
    if (beforeSnapshot) {
      const afterSnapshot = await inspector.snapshot(join(outDir, 'after.heapsnapshot'));
      result.grewPerConnection = grewPerConnection(beforeSnapshot, afterSnapshot, n).slice(0, 40);
    }
    inspector.ws.close();
    writeFileSync(join(outDir, 'result.json'), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await pool?.stop();
    await cluster.stop();
  }
}

setTimeout(() => {
  console.error(`idle-memory: still running after ${RUN_LIMIT_MS / 60_000} min; stopping`);
  process.exit(1);
}, RUN_LIMIT_MS).unref();

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
