import { W1Result } from '../workloads/w1-private';
import { W2Result } from '../workloads/w2-group';
import { W3Result } from '../workloads/w3-connections';
import { W4Result } from '../workloads/w4-membership';
import { Carriers, formatCount, formatKib, formatMs, Row } from './table';

/** A run that failed keeps its error in place of its numbers. */
export type Outcome<T> = T | { error: string };

export interface SystemResults {
  W1?: Outcome<W1Result>;
  W1L?: Outcome<W1Result>;
  W2?: Outcome<W2Result>;
  W3?: Outcome<W3Result>;
  W4?: Outcome<W4Result>;
}

export interface Results {
  cim: SystemResults;
  socketio?: SystemResults;
}

function ok<T extends object>(outcome: Outcome<T> | undefined): T | undefined {
  return outcome && !('error' in outcome) ? outcome : undefined;
}

function failed(outcome: Outcome<object> | undefined): string | undefined {
  return outcome && 'error' in outcome ? 'failed' : undefined;
}

interface MetricSpec<T> {
  workload: string;
  metric: string;
  value: (r: T) => number | undefined;
  format: (v: number | undefined) => string;
  target: string;
  /** Judged on cim's value, and on the peer's when the target is relative to it (undefined without it). */
  meets?: (v: number, peer: number | undefined) => boolean | undefined;
  /** A target relative to the peer that holds only with both systems on the same carrier. */
  sameCarrier?: boolean;
  /** When the metric has no meaning for a result (shown as n/a). */
  notApplicable?: (r: T) => boolean;
}

function rowOf<T extends object>(
  spec: MetricSpec<T>,
  carriers: Carriers,
  cim?: Outcome<T>,
  peer?: Outcome<T>,
): Row {
  const show = (o?: Outcome<T>) => {
    const result = ok(o);
    if (result && spec.notApplicable?.(result)) return 'n/a';
    return failed(o) ?? spec.format(result ? spec.value(result) : undefined);
  };
  const value = ok(cim) ? spec.value(ok(cim)!) : undefined;
  const comparable = !spec.sameCarrier || carriers.cim === carriers.socketio;
  const peerValue = ok(peer) && comparable ? spec.value(ok(peer)!) : undefined;
  return {
    workload: spec.workload,
    metric: spec.metric,
    cim: show(cim),
    peer: show(peer),
    target: spec.target,
    met: spec.meets && value !== undefined ? spec.meets(value, peerValue) : undefined,
  };
}

const perSec = (unit: string) => (v: number | undefined) => formatCount(v, unit);

/** A target relative to the peer: judged only when the peer ran. */
const than =
  (holds: (v: number, peer: number) => boolean) =>
  (v: number, peer: number | undefined): boolean | undefined =>
    peer === undefined ? undefined : holds(v, peer);

const W1_METRICS: MetricSpec<W1Result>[] = [
  {
    workload: 'W1 private',
    metric: 'delivered',
    value: (r) => r.deliveredPerSec,
    format: perSec('msgs/s'),
    target: '≥ 1.5× Socket.IO',
    meets: than((v, peer) => v >= 1.5 * peer),
  },
  { workload: 'W1 private', metric: 'latency p50', value: (r) => r.p50Ms, format: formatMs, target: '' },
  {
    workload: 'W1 private',
    metric: 'latency p99',
    value: (r) => r.p99Ms,
    format: formatMs,
    target: '< Socket.IO',
    meets: than((v, peer) => v < peer),
  },
];

const W1L_METRICS: MetricSpec<W1Result>[] = [
  {
    workload: "W1' latency-bound",
    metric: 'delivered',
    value: (r) => r.deliveredPerSec,
    format: perSec('msgs/s'),
    target: '≥ Socket.IO',
    meets: than((v, peer) => v >= peer),
  },
  ...(['p50', 'p99'] as const).map((p) => ({
    workload: "W1' latency-bound",
    metric: `latency ${p}`,
    value: (r: W1Result) => (p === 'p50' ? r.p50Ms : r.p99Ms),
    format: formatMs,
    target: '< Socket.IO',
    meets: than((v, peer) => v < peer),
  })),
];

const W2_METRICS: MetricSpec<W2Result>[] = [
  {
    workload: 'W2 group',
    metric: 'deliveries',
    value: (r) => r.deliveriesPerSec,
    format: perSec('/s'),
    target: '≥ 3× Socket.IO',
    meets: than((v, peer) => v >= 3 * peer),
  },
  {
    workload: 'W2 group',
    metric: 'broadcasts',
    value: (r) => r.messagesPerSec,
    format: perSec('msgs/s'),
    target: '',
  },
  { workload: 'W2 group', metric: 'latency p99', value: (r) => r.p99Ms, format: formatMs, target: '' },
];

const W4_METRICS: MetricSpec<W4Result>[] = [
  {
    workload: 'W4 group with membership',
    metric: 'deliveries',
    value: (r) => r.deliveriesPerSec,
    format: perSec('/s'),
    target: '> Socket.IO rooms, same carrier',
    meets: than((v, peer) => v > peer),
    sameCarrier: true,
  },
  {
    workload: 'W4 group with membership',
    metric: 'messages',
    value: (r) => r.messagesPerSec,
    format: perSec('msgs/s'),
    target: '',
  },
  ...(['p50', 'p99'] as const).map((p) => ({
    workload: 'W4 group with membership',
    metric: `latency ${p}`,
    value: (r: W4Result) => (p === 'p50' ? r.p50Ms : r.p99Ms),
    format: formatMs,
    target: '',
  })),
  {
    workload: 'W4 catch-up',
    metric: 'synced',
    value: (r) => (r.catchUp && 'messagesPerSec' in r.catchUp ? r.catchUp.messagesPerSec : undefined),
    format: perSec('msgs/s'),
    target: '',
    notApplicable: (r) => !!r.catchUp && 'notApplicable' in r.catchUp,
  },
];

function w3Metrics(requested: number): MetricSpec<W3Result>[] {
  return [
    {
      workload: 'W3 connections',
      metric: 'connections held',
      value: (r) => r.connections,
      format: (v) => formatCount(v),
      target: formatCount(requested),
      meets: (v) => v >= requested,
    },
    {
      workload: 'W3 connections',
      metric: 'RSS per connection',
      value: (r) => r.bytesPerConnection,
      format: formatKib,
      target: '≤ 4 KiB',
      meets: (v) => v <= 4 * 1024,
    },
    {
      workload: 'W3 connections',
      metric: 'password logins',
      value: (r) => r.loginsPerSec,
      format: perSec('/s'),
      target: 'bounded by the hash',
    },
    {
      workload: 'W3 connections',
      metric: 'resumes',
      value: (r) => r.resumesPerSec,
      format: perSec('/s'),
      target: '≥ 3,000 /s',
      meets: (v) => v >= 3_000,
    },
  ];
}

/** The table's rows for the workloads that ran, cim and the peer side by side. */
export function resultRows(results: Results, targetConnections: number, carriers: Carriers): Row[] {
  const { cim, socketio } = results;
  const rows: Row[] = [];
  const add = <T extends object>(metrics: MetricSpec<T>[], c?: Outcome<T>, p?: Outcome<T>) => {
    if (c || p) rows.push(...metrics.map((m) => rowOf(m, carriers, c, p)));
  };
  add(W1_METRICS, cim.W1, socketio?.W1);
  add(W1L_METRICS, cim.W1L, socketio?.W1L);
  add(W2_METRICS, cim.W2, socketio?.W2);
  add(w3Metrics(targetConnections), cim.W3, socketio?.W3);
  add(W4_METRICS, cim.W4, socketio?.W4);
  return rows;
}
