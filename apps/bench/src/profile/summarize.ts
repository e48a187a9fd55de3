/** The parts of V8's .cpuprofile (what `node --cpu-prof` writes) that a summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  /** Percent of the busy (non-idle) time. */
  percent: number;
}

export interface ProfileSummary {
  /** Sampled time in the window, and how much of it was not idle. */
  totalMs: number;
  busyMs: number;
  functions: SelfTime[];
  categories: SelfTime[];
}

const IDLE = '(idle)';

/** Where a script lives, shortened: `cim libs/protocol/codec`, `ioredis`, `node:net`. */
export function categoryOf(functionName: string, url: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === IDLE) return IDLE;
    // Ajv compiles each schema with new Function: its validators have no script of their own.
    if (/^validate\d+$/.test(functionName)) return 'ajv (compiled schemas)';
    return 'V8/native (program)';
  }
  if (url.startsWith('node:')) {
    const parts = url.slice(5).split('/');
    return `node:${parts[0] === 'internal' ? parts.slice(0, 2).join('/').replace(/\.js$/, '') : parts[0]}`;
  }
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 14).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const cim = /\/dist\/apps\/[^/]+\/(apps|libs)\/([^/]+)\/src\/(?:([^/]+)\/)?/.exec(url);
  if (cim) return `cim ${cim[1]}/${cim[2]}${cim[3] ? '/' + cim[3] : ''}`;
  return 'other';
}

function functionLabel(functionName: string, url: string, line: number): string {
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const file = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/dist\/apps\/[^/]+\//, '');
  return `${name} ${file}:${line + 1}`;
}

/**
 * Self time per function and per category, from the samples whose time falls in [fromUs, toUs]
 * (the monotonic clock, as process.hrtime), or all of them. A sample counts for the time until the next.
 */
export function summarizeProfile(
  profile: CpuProfile,
  top = 15,
  fromUs = -Infinity,
  toUs = Infinity,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const functions = new Map<string, number>();
  const categories = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    const next = i + 1 < profile.samples.length ? time + profile.timeDeltas[i + 1] : profile.endTime;
    if (time < fromUs || time > toUs) continue;
    const us = Math.max(0, next - time);
    const frame = byId.get(profile.samples[i]);
    if (!frame) continue;
    total += us;
    const category = categoryOf(frame.functionName, frame.url);
    if (category === IDLE) {
      idle += us;
      continue;
    }
    const label = functionLabel(frame.functionName, frame.url, frame.lineNumber);
    functions.set(label, (functions.get(label) ?? 0) + us);
    categories.set(category, (categories.get(category) ?? 0) + us);
  }
  const busy = total - idle;
  const rank = (m: Map<string, number>, n: number): SelfTime[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 100) / 10,
        percent: busy ? Math.round((us / busy) * 1000) / 10 : 0,
      }));
  return {
    totalMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    functions: rank(functions, top),
    categories: rank(categories, 12),
  };
}

/** A plain-text account of one summary. */
export function formatSummary(title: string, summary: ProfileSummary): string {
  const busy = summary.totalMs ? Math.round((summary.busyMs / summary.totalMs) * 100) : 0;
  const lines = [`${title}: ${summary.busyMs} ms busy of ${summary.totalMs} ms sampled (${busy}%)`];
  lines.push('  by category (self time, % of busy):');
  for (const c of summary.categories) lines.push(`    ${c.percent.toFixed(1).padStart(5)}%  ${c.name}`);
  lines.push('  top functions (self time):');
  for (const f of summary.functions)
    lines.push(`    ${f.percent.toFixed(1).padStart(5)}%  ${String(f.ms).padStart(8)} ms  ${f.name}`);
  return lines.join('\n');
}

/**
 * Who a function's self time comes from: its samples grouped by the nearest caller outside Node's
 * own modules (e.g. which library's writes end in the native writeUtf8String), in percent.
 */
export function callersOf(profile: CpuProfile, functionName: string): SelfTime[] {
  const parent = new Map<number, CpuProfile['nodes'][number]>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const hits = new Map<number, number>();
  for (const sample of profile.samples) hits.set(sample, (hits.get(sample) ?? 0) + 1);
  const callers = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== functionName || !hits.get(node.id)) continue;
    let caller = parent.get(node.id);
    while (caller && (!caller.callFrame.url || caller.callFrame.url.startsWith('node:')))
      caller = parent.get(caller.id);
    const { functionName: name = '(root)', url = '', lineNumber = 0 } = caller?.callFrame ?? {};
    const label = caller ? functionLabel(name, url, lineNumber) : '(root)';
    callers.set(label, (callers.get(label) ?? 0) + hits.get(node.id)!);
    total += hits.get(node.id)!;
  }
  return [...callers]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => ({ name, ms: n, percent: Math.round((n / total) * 1000) / 10 }));
}
