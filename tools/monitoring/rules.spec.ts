import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MetricNames } from '@cim/observability';

const ROOT = join(__dirname, '..', '..');
const MONITORING = join(ROOT, 'k8s', 'monitoring');
const RULES = join(MONITORING, 'prometheus', 'cim.rules.yaml');
const RULE_TESTS = join(MONITORING, 'prometheus', 'cim.rules.test.yaml');
const DASHBOARD = join(MONITORING, 'grafana', 'cim-overview.json');
const OPERATIONS = join(ROOT, 'docs', 'operations.md');
const PROMTOOL = process.env.PROMTOOL || '/usr/bin/promtool';

interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[];
}
interface RuleTests {
  tests: { name: string; alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
}

const rules = parse(readFileSync(RULES, 'utf8')) as RuleFile;
const allRules = rules.groups.flatMap((g) => g.rules);
const alerts = allRules.flatMap((r) => (r.alert ? [r.alert] : []));
const records = allRules.flatMap((r) => (r.record ? [r.record] : []));

function promtool(...args: string[]): string {
  try {
    return execFileSync(PROMTOOL, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') throw new Error(`${PROMTOOL} is missing: apt-get install -y prometheus`);
    throw new Error(`promtool ${args.join(' ')} failed:\n${failure.stdout}${failure.stderr}`);
  }
}

/** The `cause` values docs/operations.md lists: those cim_errors_total is counted under. */
function documentedCauses(): Set<string> {
  const text = readFileSync(OPERATIONS, 'utf8');
  const marker = '`cause` values:';
  const start = text.indexOf(marker) + marker.length;
  const paragraph = text.slice(start, text.indexOf('\n\n', start));
  const names = [...paragraph.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
  return new Set(names.filter((n) => !n.startsWith('cim_')));
}

/** The causes a PromQL text matches: cause="a" or cause=~"a|b". */
function matchedCauses(promql: string): string[] {
  return [...promql.matchAll(/\bcause=~?"([^"]*)"/g)].flatMap((m) => m[1].split('|'));
}

/** The cim_* names a PromQL text uses, without histogram suffixes. */
function cimNames(promql: string): string[] {
  return [...promql.matchAll(/\bcim_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ''));
}

describe('alerting and recording rules', () => {
  it('pass promtool check rules', () => {
    expect(promtool('check', 'rules', RULES)).toMatch(`SUCCESS: ${allRules.length} rules found`);
  });

  it('pass their promtool rule unit tests', () => {
    expect(promtool('test', 'rules', RULE_TESTS)).toMatch('SUCCESS');
  });

  it('have, for every alert, a unit test that makes it fire and one that keeps it quiet', () => {
    const { tests } = parse(readFileSync(RULE_TESTS, 'utf8')) as RuleTests;
    const cases = tests.flatMap((t) => t.alert_rule_test ?? []);
    const untested = alerts.filter(
      (alert) =>
        !cases.some((c) => c.alertname === alert && c.exp_alerts.length > 0) ||
        !cases.some((c) => c.alertname === alert && c.exp_alerts.length === 0),
    );
    expect(alerts.length).toBeGreaterThanOrEqual(12);
    expect(untested).toEqual([]);
  });

  it('are the same groups in the PrometheusRule the operator loads', () => {
    expect(() =>
      execFileSync('node', [join(ROOT, 'scripts', 'monitoring-rules.js'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
    const operatorRule = parse(readFileSync(join(MONITORING, 'prometheus-rule.yaml'), 'utf8'));
    expect(operatorRule.spec.groups).toEqual(rules.groups);
  });

  it('and the dashboard match only error causes the apps count', () => {
    const causes = documentedCauses();
    expect(causes.size).toBeGreaterThanOrEqual(20);
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    const unknown = [...allRules.map((r) => r.expr), ...queries]
      .flatMap(matchedCauses)
      .filter((c) => !causes.has(c));
    expect(unknown).toEqual([]);
  });

  it('and the dashboard use only the metric names the apps define', () => {
    const known = new Set<string>(Object.values(MetricNames));
    const dashboard = readFileSync(DASHBOARD, 'utf8');
    const queries = (JSON.parse(dashboard).panels as { targets?: { expr: string }[] }[]).flatMap((p) =>
      (p.targets ?? []).map((t) => t.expr),
    );
    const unknown = [...allRules.map((r) => r.expr), ...queries]
      .flatMap(cimNames)
      .filter((n) => !known.has(n));
    expect(unknown).toEqual([]);
    for (const record of queries.flatMap((q) => q.match(/\bcim:[a-z0-9_:]+/g) ?? [])) {
      expect(records).toContain(record);
    }
  });
});
