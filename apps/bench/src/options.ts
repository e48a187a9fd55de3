/** W1L is W1', the latency-bound shape of W1 (one message in flight per sender). */
export const WORKLOADS = ['W1', 'W1L', 'W2', 'W3', 'W4'] as const;
export type WorkloadId = (typeof WORKLOADS)[number];
export type PeerName = 'socketio';
/** How cim's load connections reach the im-servers: the binary TCP carrier or the WebSocket one. */
export const CARRIERS = ['tcp', 'ws'] as const;
export type CarrierName = (typeof CARRIERS)[number];

/** What the command line asked for. */
export interface BenchOptions {
  only: WorkloadId[];
  peer?: PeerName;
  /** The carrier of cim's load connections (Socket.IO's are WebSocket whatever this says). */
  carrier: CarrierName;
  /** W3: logged-in idle connections held by one server. */
  connections: number;
  /** Measured seconds of each throughput workload (W1, W2), after the warm-up. */
  durationSec: number;
  warmupSec: number;
  quick: boolean;
  /** Passes --cpu-prof to the cim processes. */
  profile: boolean;
  /** Load-generator processes. */
  workers: number;
  /** Route-gateways cim runs with; logins are spread over them, and the im-servers call all of them. */
  gateways: number;
  /** Redis bytes and keys per user, route and message (`--only capacity`); on a 3-master cluster too. */
  capacity: boolean;
  capacityCluster: boolean;
  /** Items per capacity step. */
  capacityItems: number;
  /** The private-messaging soak (`--only soak`), with Redis before and after. */
  soak: boolean;
  /** Messages the soak sends in all. */
  soakMessages: number;
  /** `CIM_HISTORY_MAX_MESSAGES` the soak runs cim with: what each conversation's history may keep. */
  soakHistory: number;
  help: boolean;
}

export const DEFAULTS: Readonly<BenchOptions> = {
  only: [...WORKLOADS],
  carrier: 'tcp',
  connections: 50_000,
  durationSec: 10,
  warmupSec: 2,
  quick: false,
  profile: false,
  workers: 2,
  gateways: 1,
  capacity: true,
  capacityCluster: false,
  capacityItems: 20_000,
  soak: false,
  soakMessages: 2_000_000,
  soakHistory: 200,
  help: false,
};

/** The smoke run: small enough for CI. */
const QUICK = {
  connections: 1_000,
  durationSec: 2,
  warmupSec: 1,
  capacityItems: 2_000,
  soakMessages: 20_000,
};

export const USAGE = `npm run bench -- [options]

  --only W1,W1L,W2,W3,W4,capacity,soak
                       run only these workloads (default: all but soak; W1L is W1', latency-bound; W4: a
                       group with membership, and catch-up by SYNC; capacity: Redis bytes and keys per
                       user, online user and message, on a Redis of its own; soak: 400 users, 100 senders
                       with 2 in flight, --soak-messages in all, each checked to arrive once, Redis before
                       and after)
  --peer socketio      also run them against two Socket.IO 4.8 nodes with the Redis adapter
  --carrier tcp|ws     how cim's load connections reach the im-servers: TCP (default) or WebSocket, the
                       browser SDK's carrier and Socket.IO's
  --connections <n>    W3 connections held by one server (default 50000; capped by the fd limit)
  --duration <s>       measured seconds of W1 and W2 (default 10)
  --warmup <s>         seconds of load before measuring W1 and W2 (default 2)
  --workers <n>        load-generator processes (default 2)
  --gateways <n>       route-gateways cim runs with (default 1)
  --capacity-cluster   capacity also on a 3-master Redis Cluster of its own, with the keys per master
  --capacity-items <n> items per capacity step (default 20000)
  --soak-messages <n>  messages the soak sends (default 2000000; --quick: 20000)
  --soak-history <n>   messages each conversation's history keeps during the soak (default 200)
  --quick              a short smoke run (100/200 users, 1000 connections, 2 s, W4: 100 members)
  --profile            write .cpuprofile files of the cim processes to .tmp/bench/profiles
  --help               this text`;

function positiveNumber(flag: string, value: string | undefined, integer: boolean): number {
  const n = Number(value);
  if (
    value === undefined ||
    value === '' ||
    !Number.isFinite(n) ||
    n <= 0 ||
    (integer && !Number.isInteger(n))
  )
    throw new Error(`${flag} needs a positive ${integer ? 'integer' : 'number'}, got ${value ?? 'nothing'}`);
  return n;
}

function workloadList(value: string | undefined): { only: WorkloadId[]; capacity: boolean; soak: boolean } {
  const ids = (value ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (!ids.length) throw new Error('--only needs a list such as W1,W3');
  for (const id of ids)
    if (!(WORKLOADS as readonly string[]).includes(id) && id !== 'CAPACITY' && id !== 'SOAK')
      throw new Error(`--only: unknown workload ${id} (known: ${WORKLOADS.join(', ')}, capacity, soak)`);
  return {
    only: WORKLOADS.filter((w) => ids.includes(w)),
    capacity: ids.includes('CAPACITY'),
    soak: ids.includes('SOAK'),
  };
}

/** Parses `--flag value` and `--flag=value`; an unknown flag is an error, not ignored. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULTS, only: [...DEFAULTS.only] };
  const explicit = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    explicit.add(flag);
    switch (flag) {
      case '--only':
        ({ only: options.only, capacity: options.capacity, soak: options.soak } = workloadList(value()));
        break;
      case '--peer': {
        const peer = value();
        if (peer !== 'socketio')
          throw new Error(`--peer: only "socketio" is known, got ${peer ?? 'nothing'}`);
        options.peer = peer;
        break;
      }
      case '--carrier': {
        const carrier = value();
        if (!(CARRIERS as readonly (string | undefined)[]).includes(carrier))
          throw new Error(`--carrier: one of ${CARRIERS.join(', ')}, got ${carrier ?? 'nothing'}`);
        options.carrier = carrier as CarrierName;
        break;
      }
      case '--connections':
        options.connections = positiveNumber(flag, value(), true);
        break;
      case '--duration':
        options.durationSec = positiveNumber(flag, value(), false);
        break;
      case '--warmup':
        options.warmupSec = positiveNumber(flag, value(), false);
        break;
      case '--workers':
        options.workers = positiveNumber(flag, value(), true);
        break;
      case '--gateways':
        options.gateways = positiveNumber(flag, value(), true);
        break;
      case '--capacity-cluster':
        options.capacityCluster = true;
        break;
      case '--capacity-items':
        options.capacityItems = positiveNumber(flag, value(), true);
        break;
      case '--soak-messages':
        options.soakMessages = positiveNumber(flag, value(), true);
        break;
      case '--soak-history':
        options.soakHistory = positiveNumber(flag, value(), true);
        break;
      case '--quick':
        options.quick = true;
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`);
    }
  }
  if (options.quick) {
    if (!explicit.has('--connections')) options.connections = QUICK.connections;
    if (!explicit.has('--duration')) options.durationSec = QUICK.durationSec;
    if (!explicit.has('--warmup')) options.warmupSec = QUICK.warmupSec;
    if (!explicit.has('--capacity-items')) options.capacityItems = QUICK.capacityItems;
    if (!explicit.has('--soak-messages')) options.soakMessages = QUICK.soakMessages;
  }
  return options;
}

/** The sizes of each workload, from the options. */
export interface PrivateShape {
  users: number;
  senders: number;
  window: number;
}

export interface SoakShape extends PrivateShape {
  messages: number;
}

export interface WorkloadPlan {
  w1: PrivateShape;
  /** W1': few users, every one a sender with one message in flight: decided by per-hop delay. */
  w1l: PrivateShape;
  w2: { users: number; window: number };
  w3: { connections: number };
  /** A group of `members`, `online` of them connected; a returning device syncs `catchUp` missed messages. */
  w4: { members: number; online: number; window: number; catchUp: number };
  soak: SoakShape;
}

export function planFor(options: BenchOptions): WorkloadPlan {
  return options.quick
    ? {
        w1: { users: 100, senders: 20, window: 4 },
        w1l: { users: 100, senders: 100, window: 1 },
        w2: { users: 200, window: 1 },
        w3: { connections: options.connections },
        w4: { members: 100, online: 50, window: 1, catchUp: 1_000 },
        soak: { users: 100, senders: 20, window: 2, messages: options.soakMessages },
      }
    : {
        w1: { users: 1_000, senders: 200, window: 4 },
        w1l: { users: 100, senders: 100, window: 1 },
        w2: { users: 2_000, window: 1 },
        w3: { connections: options.connections },
        w4: { members: 1_000, online: 500, window: 1, catchUp: 10_000 },
        soak: { users: 400, senders: 100, window: 2, messages: options.soakMessages },
      };
}

/**
 * How many connections one server process can hold under a per-process descriptor limit: what is left
 * after a reserve for its own files and sockets, rounded down to a thousand.
 */
export function connectionCap(fdLimit: number, reserve = 1_000): number {
  if (!Number.isFinite(fdLimit)) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor((fdLimit - reserve) / 1_000) * 1_000);
}
