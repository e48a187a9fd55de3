import { CarrierName } from '../options';

/** One line of the results table: a measured value per system and the target. */
export interface Row {
  workload: string;
  metric: string;
  cim: string;
  peer?: string;
  target: string;
  /** Whether cim's value meets the target; undefined when there is no target or no value. */
  met?: boolean;
}

/** What each system's connections ran over; no peer without --peer. */
export interface Carriers {
  cim: CarrierName;
  socketio?: CarrierName;
}

const CARRIER_LABEL: Record<CarrierName, string> = { tcp: 'TCP', ws: 'WebSocket' };

/** A Markdown table, its columns padded so that it also reads in a terminal; each system's column names its carrier. */
export function formatTable(rows: readonly Row[], carriers: Carriers): string {
  const withPeer = carriers.socketio !== undefined;
  const header = [
    'workload',
    'metric',
    `cim (${CARRIER_LABEL[carriers.cim]})`,
    ...(withPeer ? [`socket.io (${CARRIER_LABEL[carriers.socketio!]})`] : []),
    'target',
    'cim meets it',
  ];
  const cells = rows.map((r) => [
    r.workload,
    r.metric,
    r.cim,
    ...(withPeer ? [r.peer ?? '—'] : []),
    r.target,
    r.met === undefined ? '—' : r.met ? 'yes' : 'no',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}

/** 52310 → "52,310"; undefined → "—". */
export function formatCount(value: number | undefined, unit = ''): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return `${Math.round(value).toLocaleString('en-US')}${unit ? ' ' + unit : ''}`;
}

/** Milliseconds with two decimals below 10, one below 100, none above. */
export function formatMs(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ms`;
}

/** Bytes as KiB with one decimal. */
export function formatKib(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
