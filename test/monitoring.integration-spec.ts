import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AdminApi } from './harness/admin-api';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { http } from './harness/http';
import { PrometheusServer } from './harness/prometheus-server';

const MONITORING = join(__dirname, '..', 'k8s', 'monitoring');
const RULES = join(MONITORING, 'prometheus', 'cim.rules.yaml');
const DASHBOARD = join(MONITORING, 'grafana', 'cim-overview.json');

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string; refId: string }[];
}

/** Every query of the dashboard, with Grafana's $__rate_interval as Grafana would set it for a 1 s scrape. */
function dashboardQueries(): { name: string; expr: string }[] {
  const panels = (JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] }).panels;
  return panels.flatMap((panel) =>
    (panel.targets ?? []).map((t) => ({
      name: `panel "${panel.title}" ${t.refId}`,
      expr: t.expr.replace(/\$__rate_interval/g, '1m'),
    })),
  );
}

function recordingRules(): { name: string; expr: string }[] {
  const { groups } = parse(readFileSync(RULES, 'utf8')) as { groups: { rules: { record?: string }[] }[] };
  return groups.flatMap((g) =>
    g.rules.flatMap((r) => (r.record ? [{ name: r.record, expr: r.record }] : [])),
  );
}

/**
 * A real Prometheus scraping a real cluster (route-gateway, two im-servers, admin) with cim's rules
 * loaded: after some traffic, every dashboard query and every recording rule answers data, so that the
 * dashboard and the rules cannot silently drift from the metric names the apps expose.
 */
describe('Prometheus scraping a cluster', () => {
  let cluster: Cluster;
  let prometheus: PrometheusServer;
  const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    await cluster.addAdmin();
    const host = (url: string) => new URL(url).host;
    prometheus = await PrometheusServer.start(
      [
        { job: 'route-gateway', targets: [host(cluster.gatewayInternalUrl)] },
        { job: 'im-server', targets: [1, 2].map((i) => `127.0.0.1:${cluster.httpPort(i)}`) },
        { job: 'admin', targets: [host(cluster.adminInternalUrl)] },
      ],
      [RULES],
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
    await cluster?.stop();
  });

  /** Logins, private, group, offline and system messages, a refused login and a refused SEND. */
  async function traffic(): Promise<void> {
    const [alice, bob, dave] = await Promise.all(
      ['a', 'b', 'd'].map((n) => ChatUser.online(cluster.gatewayUrl, unique(n))),
    );
    const carol = await ChatUser.registered(cluster.gatewayUrl, unique('c'));
    for (const body of ['one', 'two', 'three'])
      expect((await alice.sendPrivate(bob.userId, body)).status).toBe(202);
    alice.client!.send({ requestId: 2, send: { clientMsgId: 'g', group: true, body: 'all' } });
    await alice.client!.next('sendAck', (f) => f.requestId === 2);
    alice.client!.send({ requestId: 3, send: { clientMsgId: 'u', receiverId: '999999999', body: 'nobody' } });
    await alice.client!.next('error', (f) => f.requestId === 3);
    await alice.sendPrivate(carol.userId, 'later');
    await carol.connect();
    await carol.client!.until(() => carol.client!.messages().length >= 1, 5000, 'the inbox');
    const refused = await http('POST', `${cluster.gatewayUrl}/api/login`, {
      name: dave.name,
      password: 'wrong',
    });
    expect(refused.status).toBe(401);
    expect((await new AdminApi(cluster.adminUrl).push({ userIds: [bob.userId], body: 'ping' })).status).toBe(
      200,
    );
    await Promise.all([alice, bob, carol, dave].map((u) => u.logout()));
  }

  it('scrapes every app and loads the rules without errors', async () => {
    await until(async () => {
      const targets = await prometheus.get<{ activeTargets: { labels: { job: string }; health: string }[] }>(
        '/api/v1/targets',
      );
      return targets.activeTargets.length === 4 && targets.activeTargets.every((t) => t.health === 'up');
    }, 'every target up');
    const rules = await prometheus.get<{
      groups: { name: string; rules: { health: string; name: string }[] }[];
    }>('/api/v1/rules');
    expect(rules.groups.map((g) => g.name).sort()).toEqual(['cim.alerts', 'cim.recording']);
    expect(rules.groups.flatMap((g) => g.rules).filter((r) => r.health === 'err')).toEqual([]);
  });

  it('answers every dashboard query and every recording rule with data after some traffic', async () => {
    await traffic();
    const queries = [...dashboardQueries(), ...recordingRules()];
    expect(queries.length).toBeGreaterThan(20);
    let empty: string[] = [];
    await until(
      async () => {
        const answers = await Promise.all(
          queries.map(async (q) => [q, await prometheus.query(q.expr)] as const),
        );
        empty = answers.filter(([, result]) => result.length === 0).map(([q]) => `${q.name}: ${q.expr}`);
        return empty.length === 0;
      },
      'every query answered',
      45000,
    ).catch(() => undefined);
    expect(empty).toEqual([]);
  }, 90000);

  it('sees the traffic in the figures: logins, private messages, refused logins, registered servers', async () => {
    const figures = {
      'sum(cim_logins_total{app="route-gateway"})': 4,
      'sum(cim_logins_total{app="im-server"})': 4,
      'sum(cim_messages_in_total{app="route-gateway", kind="private"})': 4,
      'sum(cim_errors_total{app="route-gateway", cause="unauthorized"})': 1,
      'sum(cim_errors_total{app="im-server", cause="unknown_receiver"})': 1,
      'max(cim_registered_servers)': 2,
    };
    const read = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.keys(figures).map(async (expr) => [
            expr,
            Number((await prometheus.query(expr))[0]?.value[1]),
          ]),
        ),
      );
    let seen: Record<string, number> = {};
    await until(async () => {
      seen = await read();
      return JSON.stringify(seen) === JSON.stringify(figures);
    }, 'the figures').catch(() => undefined);
    expect(seen).toEqual(figures);
  });
});

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60000): Promise<void> {
  await eventually(async () => expect({ [what]: await check() }).toEqual({ [what]: true }), timeoutMs, 500);
}
