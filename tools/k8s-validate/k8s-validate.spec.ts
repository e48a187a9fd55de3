import type { IContainer, IPodSpec, IService } from 'kubernetes-models/v1';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { K8sObject, namespaceManifest, OVERLAYS, renderOverlay, validateObjects } from './validate';

/** Each overlay rendered once (kubectl kustomize); tests that break objects work on copies. */
const rendered = new Map<string, K8sObject[]>();
function overlay(name: string): K8sObject[] {
  if (!rendered.has(name)) rendered.set(name, renderOverlay(name));
  return structuredClone(rendered.get(name)!);
}

function find<T = unknown>(objects: K8sObject[], kind: string, name: string): K8sObject & T {
  const object = objects.find(
    (o) => o.kind === kind && o.metadata.name.replace(/-[a-z0-9]{10}$/, '') === name,
  );
  if (!object) throw new Error(`no ${kind} ${name}`);
  return object as K8sObject & T;
}

function container(objects: K8sObject[], kind: string, name: string): IContainer {
  const spec = find<{ spec: { template: { spec: { containers: IContainer[] } } } }>(objects, kind, name).spec;
  return spec.template.spec.containers[0];
}

interface PodMonitorSpec {
  selector: unknown;
  podMetricsEndpoints: { port: string }[];
}

function podMonitor(objects: K8sObject[]): { spec: PodMonitorSpec } {
  return find<{ spec: PodMonitorSpec }>(objects, 'PodMonitor', 'cim');
}

type PodTemplateOf = {
  spec: { template: { metadata: { annotations: Record<string, string> }; spec: IPodSpec } };
};

function podSpec(objects: K8sObject[], kind: string, name: string): IPodSpec {
  return find<PodTemplateOf>(objects, kind, name).spec.template.spec;
}

function replicas(objects: K8sObject[], kind: string, name: string): number {
  return find<{ spec: { replicas?: number } }>(objects, kind, name).spec.replicas ?? 1;
}

type Annotated = { metadata: { annotations: Record<string, string> } };

/** What an operator's overlay sets in place of the template's placeholders: image, domain, Ingress host. */
function withOperatorsValues(objects: K8sObject[]): K8sObject[] {
  for (const [kind, name] of [
    ['StatefulSet', 'im-server'],
    ['Deployment', 'route-gateway'],
    ['Deployment', 'admin'],
  ]) {
    container(objects, kind, name).image = 'ghcr.io/acme/cim:1.4.2';
  }
  const advertised = container(objects, 'StatefulSet', 'im-server').env!.find(
    (e) => e.name === 'CIM_IM_ADVERTISED_HOST',
  )!;
  if (advertised.value) advertised.value = '$(CIM_SERVER_ID).im.acme.net';
  for (const service of objects.filter((o) => o.kind === 'Service') as (K8sObject & Annotated)[]) {
    const annotations = service.metadata.annotations ?? {};
    if (annotations['external-dns.alpha.kubernetes.io/hostname'])
      annotations['external-dns.alpha.kubernetes.io/hostname'] = `${service.metadata.name}.im.acme.net`;
  }
  for (const name of ['route-gateway', 'im-server-websocket']) {
    const ingress = find<IIngress>(objects, 'Ingress', name);
    ingress.spec!.tls![0].hosts = ['chat.acme.net'];
    ingress.spec!.rules![0].host = 'chat.acme.net';
  }
  const wsUrl = container(objects, 'StatefulSet', 'im-server').env!.find(
    (e) => e.name === 'CIM_IM_WS_ADVERTISED_URL',
  )!;
  wsUrl.value = 'wss://chat.acme.net/ws/$(CIM_SERVER_ID)';
  const config = (name: string) => find<{ data: Record<string, string> }>(objects, 'ConfigMap', name).data;
  config('im-server-config').CIM_IM_WS_ORIGINS = 'https://chat.acme.net';
  config('route-gateway-config').CIM_WEB_CONNECT_SRC = 'wss://chat.acme.net';
  return objects;
}

describe('k8s overlays', () => {
  it.each(Object.keys(OVERLAYS))('%s renders with kubectl kustomize and passes every check', async (name) => {
    expect(await validateObjects(overlay(name), OVERLAYS[name])).toEqual([]);
  });

  it('says how to install kubectl when it is missing, rather than passing', () => {
    expect(() => renderOverlay('dev', '/nonexistent/kubectl')).toThrow(
      /kubectl not found .*apt-get install -y kubernetes-client/,
    );
  });

  it('dev runs one of everything and carries its own development Secret', () => {
    const dev = overlay('dev');
    for (const [kind, name] of [
      ['StatefulSet', 'zookeeper'],
      ['StatefulSet', 'redis'],
      ['StatefulSet', 'im-server'],
      ['Deployment', 'route-gateway'],
      ['Deployment', 'admin'],
    ]) {
      expect(replicas(dev, kind, name)).toBe(1);
    }
    expect(dev.some((o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'PodDisruptionBudget')).toBe(
      false,
    );
    expect(find(dev, 'Secret', 'cim-secrets')).toBeDefined();
  });

  it('monitoring is prod plus a PodMonitor, the rules and the dashboard Grafana picks up', () => {
    const monitoring = overlay('monitoring');
    const prodObjects = overlay('prod').map((o) => `${o.kind} ${o.metadata.name}`);
    expect(monitoring.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(
      expect.arrayContaining(prodObjects),
    );
    expect(podMonitor(monitoring).spec.podMetricsEndpoints).toEqual([
      expect.objectContaining({ port: 'internal', path: '/metrics' }),
    ]);
    expect(find(monitoring, 'PrometheusRule', 'cim')).toBeDefined();
    const dashboard = find(monitoring, 'ConfigMap', 'cim-grafana-dashboard');
    expect(dashboard.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
  });

  it('prod runs a ZooKeeper ensemble, several gateways and im-servers, PDBs, and no Secret', () => {
    const prod = overlay('prod');
    expect(replicas(prod, 'StatefulSet', 'zookeeper')).toBe(3);
    const zkConfig = find<{ data: Record<string, string> }>(prod, 'ConfigMap', 'zookeeper-config');
    expect(zkConfig.data.ZOO_SERVERS.split(' ')).toHaveLength(3);
    expect(replicas(prod, 'StatefulSet', 'im-server')).toBeGreaterThanOrEqual(2);
    const hpa = find<IHorizontalPodAutoscaler>(prod, 'HorizontalPodAutoscaler', 'route-gateway');
    expect(hpa.spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'route-gateway' });
    expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(2);
    const budgets = prod.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name);
    expect(budgets).toEqual(expect.arrayContaining(['zookeeper', 'im-server', 'route-gateway']));
    expect(prod.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('prod ZooKeeper is probed for quorum (srvr) and life (ruok), one member per node, spread over zones', () => {
    const zookeeper = podSpec(overlay('prod'), 'StatefulSet', 'zookeeper');
    const [container] = zookeeper.containers;
    expect(container.readinessProbe?.exec?.command?.join(' ')).toMatch(
      /printf srvr .*\^Mode: \(leader\|follower\|standalone\)/,
    );
    expect(container.livenessProbe?.exec?.command?.join(' ')).toMatch(/printf ruok .*imok/);
    expect(zookeeper.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      expect.objectContaining({ topologyKey: 'kubernetes.io/hostname' }),
    ]);
    for (const [kind, name] of [
      ['StatefulSet', 'zookeeper'],
      ['StatefulSet', 'im-server'],
      ['Deployment', 'route-gateway'],
    ]) {
      const keys = podSpec(overlay('prod'), kind, name).topologySpreadConstraints?.map((c) => c.topologyKey);
      expect(keys).toContain('topology.kubernetes.io/zone');
    }
  });

  it('prod reaches each im-server through a load balancer of its own, never a hostPort', () => {
    const prod = overlay('prod');
    const perPod = prod.filter((o) => o.kind === 'Service' && /^im-server-\d+$/.test(o.metadata.name));
    expect(perPod.map((o) => o.metadata.name).sort()).toEqual(['im-server-0', 'im-server-1']);
    for (const service of perPod as (K8sObject & IService)[]) {
      expect(service.spec).toMatchObject({
        type: 'LoadBalancer',
        selector: { 'statefulset.kubernetes.io/pod-name': service.metadata.name },
        ports: [expect.objectContaining({ name: 'client', port: 9000, targetPort: 'client' })],
      });
    }
    const imServer = container(prod, 'StatefulSet', 'im-server');
    expect(imServer.ports!.filter((p) => p.hostPort !== undefined)).toEqual([]);
    expect(imServer.env).toContainEqual({
      name: 'CIM_IM_ADVERTISED_HOST',
      value: '$(CIM_SERVER_ID).im.example.com',
    });
    const hostport = container(overlay('hostport'), 'StatefulSet', 'im-server');
    expect(hostport.ports).toContainEqual(expect.objectContaining({ containerPort: 9000, hostPort: 9000 }));
  });

  it('prod lets every gateway be found in ZooKeeper: at least 2, each announcing its pod address', () => {
    const prod = overlay('prod');
    const hpa = find<IHorizontalPodAutoscaler>(prod, 'HorizontalPodAutoscaler', 'route-gateway');
    expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(2);
    expect(container(prod, 'Deployment', 'route-gateway').env).toContainEqual({
      name: 'CIM_GATEWAY_RPC_ADVERTISED_HOST',
      valueFrom: { fieldRef: { fieldPath: 'status.podIP' } },
    });
    const imServerEnv = JSON.stringify(container(prod, 'StatefulSet', 'im-server').env);
    const imServerConfig = find<{ data: Record<string, string> }>(prod, 'ConfigMap', 'im-server-config');
    expect(`${imServerEnv} ${Object.keys(imServerConfig.data).join(' ')}`).not.toMatch(/GATEWAY/);
  });

  it('prod runs a Redis Cluster of six nodes made by a Job, and the apps use it through the cluster variable', () => {
    const prod = overlay('prod');
    expect(prod.filter((o) => o.metadata.name === 'redis')).toEqual([]);
    expect(replicas(prod, 'StatefulSet', 'redis-cluster')).toBe(6);
    const job = find<{ spec: { template: { spec: IPodSpec } } }>(prod, 'Job', 'redis-cluster-create');
    expect(job.spec.template.spec.containers[0].command!.join(' ')).toMatch(
      /redis-cli --cluster create \$addresses --cluster-replicas 1/,
    );
    for (const name of ['route-gateway', 'admin']) {
      const env = container(prod, 'Deployment', name).env!.map((e) => e.name);
      expect(env).toContain('CIM_REDIS_CLUSTER_NODES');
      expect(env).not.toContain('CIM_REDIS_URL');
    }
  });

  it('prod serves the HTTP API through a TLS-terminating Ingress with long proxy timeouts', () => {
    const ingress = find<IIngress & Annotated>(overlay('prod'), 'Ingress', 'route-gateway');
    expect(ingress.spec?.tls).toEqual([{ hosts: ['chat.example.com'], secretName: 'cim-gateway-tls' }]);
    expect(ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    });
  });

  it('no overlay holds the namespace; k8s/namespace.yaml creates it with a Pod Security level', () => {
    for (const name of Object.keys(OVERLAYS))
      expect(overlay(name).filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(namespaceManifest()).toEqual([
      expect.objectContaining({
        kind: 'Namespace',
        metadata: expect.objectContaining({
          name: 'cim',
          labels: expect.objectContaining({ 'pod-security.kubernetes.io/enforce': expect.any(String) }),
        }),
      }),
    ]);
  });
});

describe('k8s validation of what overlays leave to the operator', () => {
  it('refuses the placeholder registry in a production overlay without the template override', async () => {
    const problems = await validateObjects(overlay('prod'), {
      ...OVERLAYS.prod,
      placeholdersAllowed: false,
    });
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^Deployment cim\/route-gateway: container route-gateway: image registry.example.com\/cim:0.1.0 is on the placeholder registry/,
      ),
    );
  });

  it('refuses placeholder addresses in a production overlay without the template override', async () => {
    const problems = await validateObjects(overlay('prod'), { ...OVERLAYS.prod, placeholdersAllowed: false });
    expect(problems).toEqual(
      expect.arrayContaining([
        'Ingress cim/route-gateway: host chat.example.com is a placeholder: set yours',
        'Service cim/im-server-1: DNS name im-server-1.im.example.com is a placeholder: set yours',
        'StatefulSet cim/im-server: container im-server advertises im-server-0.im.example.com, a placeholder: set your domain',
      ]),
    );
  });

  it('accepts a production overlay that names a real registry, release, domain and host', async () => {
    for (const name of ['prod', 'hostport']) {
      const objects = withOperatorsValues(overlay(name));
      expect(await validateObjects(objects, { ...OVERLAYS[name], placeholdersAllowed: false })).toEqual([]);
    }
  });

  it('refuses a namespace that enforces no Pod Security level', async () => {
    const [namespace] = namespaceManifest();
    delete namespace.metadata.labels!['pod-security.kubernetes.io/enforce'];
    expect(await validateObjects(overlay('dev'), OVERLAYS.dev, [namespace])).toContainEqual(
      'Namespace cim: no pod-security.kubernetes.io/enforce label',
    );
  });

  it('holds the hostport overlay to the restricted namespace, which refuses its hostPort', async () => {
    expect(await validateObjects(overlay('hostport'), OVERLAYS.hostport, namespaceManifest())).toContainEqual(
      "StatefulSet cim/im-server: violates the namespace's enforced Pod Security level restricted: hostPort 9000",
    );
  });

  it('refuses a namespace that enforces less than its pods all meet', async () => {
    const lax = namespaceManifest('namespace-hostport.yaml');
    expect(await validateObjects(overlay('prod'), OVERLAYS.prod, lax)).toContainEqual(
      'Namespace cim: enforces privileged, but every pod meets restricted: enforce restricted',
    );
  });

  it('holds every pod to the enforced level', async () => {
    const [namespace] = namespaceManifest();
    namespace.metadata.labels!['pod-security.kubernetes.io/enforce'] = 'baseline';
    expect(await validateObjects(overlay('dev'), OVERLAYS.dev, [namespace])).toContainEqual(
      "StatefulSet cim/im-server: violates the namespace's enforced Pod Security level baseline: hostPort 9000",
    );
  });
});

describe('k8s validation reports a broken object', () => {
  type Break = (objects: K8sObject[]) => void;
  const cases: [string, string, Break, RegExp][] = [
    [
      'a Service whose selector matches no pods',
      'dev',
      (o) => {
        find<IService>(o, 'Service', 'route-gateway').spec!.selector = {
          'app.kubernetes.io/name': 'gateway',
        };
      },
      /^Service cim\/route-gateway: selector .* matches no workload's pods$/,
    ],
    [
      'a variable no config class declares',
      'dev',
      (o) =>
        container(o, 'Deployment', 'route-gateway').env!.push({ name: 'CIM_GATEWAY_PORT', value: '8080' }),
      /container route-gateway \(route-gateway\): CIM_GATEWAY_PORT \(from literal\) is not a variable of GatewayEnv/,
    ],
    [
      'a client port that is not the declared containerPort',
      'dev',
      (o) => {
        find<{ data: Record<string, string> }>(o, 'ConfigMap', 'im-server-config').data.CIM_IM_CLIENT_PORT =
          '9100';
      },
      /im-server\): CIM_IM_CLIENT_PORT=9100 but the container declares no containerPort 9100/,
    ],
    [
      'a value the app refuses at start-up',
      'prod',
      (o) => {
        find<{ data: Record<string, string> }>(o, 'ConfigMap', 'cim-config').data.CIM_LOG_LEVEL = 'loud';
      },
      /would not start: CIM_LOG_LEVEL="loud": must be one of the following values/,
    ],
    [
      'a Secret that is not there',
      'dev',
      (o) => o.splice(o.indexOf(find(o, 'Secret', 'cim-secrets')), 1),
      /StatefulSet cim\/im-server: container im-server env CIM_TOKEN_SECRET: Secret cim-secrets-\w+ does not exist/,
    ],
    [
      'a Secret committed to the prod overlay',
      'prod',
      (o) =>
        o.push({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'cim-secrets', namespace: 'cim' },
          stringData: { CIM_TOKEN_SECRET: 'x'.repeat(40) },
        }),
      /Secret cim\/cim-secrets: this overlay must not contain secrets/,
    ],
    [
      'an HPA aimed at no Deployment',
      'prod',
      (o) => {
        find<IHorizontalPodAutoscaler>(
          o,
          'HorizontalPodAutoscaler',
          'route-gateway',
        ).spec!.scaleTargetRef.name = 'gateway';
      },
      /HorizontalPodAutoscaler cim\/route-gateway: scaleTargetRef Deployment gateway does not exist/,
    ],
    [
      'a PDB that would block every node drain',
      'prod',
      (o) => {
        const pdb = find<IPodDisruptionBudget>(o, 'PodDisruptionBudget', 'route-gateway');
        pdb.spec!.minAvailable = 2;
      },
      /PodDisruptionBudget cim\/route-gateway: allows no disruption of Deployment cim\/route-gateway/,
    ],
    [
      'a grace period shorter than the drain',
      'dev',
      (o) => {
        find<{ spec: { template: { spec: { terminationGracePeriodSeconds: number } } } }>(
          o,
          'StatefulSet',
          'im-server',
        ).spec.template.spec.terminationGracePeriodSeconds = 10;
      },
      /terminationGracePeriodSeconds 10 < CIM_DRAIN_TIMEOUT_MS \(20 s\) \+ 5 s/,
    ],
    [
      'a token secret the gateway and the im-server do not share',
      'dev',
      (o) => {
        const secretRef = container(o, 'StatefulSet', 'im-server').env!.find(
          (e) => e.name === 'CIM_TOKEN_SECRET',
        )!;
        secretRef.valueFrom!.secretKeyRef!.key = 'CIM_PUSH_API_KEY';
      },
      /^CIM_TOKEN_SECRET differs between admin, im-server, route-gateway: they must agree$/,
    ],
    [
      'a PodMonitor that selects no pods',
      'monitoring',
      (o) => {
        podMonitor(o).spec.selector = { matchLabels: { 'app.kubernetes.io/name': 'gateway' } };
      },
      /^PodMonitor cim\/cim: selector matches no workload's pods$/,
    ],
    [
      'a PodMonitor scraping a port name the pods do not declare',
      'monitoring',
      (o) => {
        podMonitor(o).spec.podMetricsEndpoints[0].port = 'metrics';
      },
      /^PodMonitor cim\/cim: port metrics is not a port name StatefulSet cim\/im-server declares$/,
    ],
    [
      'a PrometheusRule rule without a query',
      'monitoring',
      (o) => {
        const rule = find<{ spec: { groups: { rules: { expr?: string }[] }[] } }>(o, 'PrometheusRule', 'cim');
        delete rule.spec.groups[1].rules[0].expr;
      },
      /^PrometheusRule cim\/cim: group cim.alerts rule CimImServerDown: expr is missing$/,
    ],
    [
      'a Grafana dashboard that is not JSON',
      'monitoring',
      (o) => {
        const dashboard = find<{ data: Record<string, string> }>(o, 'ConfigMap', 'cim-grafana-dashboard');
        dashboard.data['cim-overview.json'] = '{"panels": [';
      },
      /^ConfigMap cim\/cim-grafana-dashboard: cim-overview.json is not JSON/,
    ],
    [
      'workloads under no NetworkPolicy',
      'dev',
      (o) => o.splice(0, o.length, ...o.filter((x) => x.kind !== 'NetworkPolicy')),
      /^StatefulSet cim\/im-server: no NetworkPolicy selects its pods for ingress: anything in the cluster reaches them$/,
    ],
    [
      'a workload under the default deny alone',
      'prod',
      (o) => o.splice(o.indexOf(find(o, 'NetworkPolicy', 'route-gateway')), 1),
      /^Deployment cim\/route-gateway: its NetworkPolicies let nothing in \(default-deny-ingress\)$/,
    ],
    [
      'a NetworkPolicy opening a port its pods do not declare',
      'dev',
      (o) => {
        const policy = find<{ spec: { ingress: { ports: { port: number }[] }[] } }>(
          o,
          'NetworkPolicy',
          'im-server',
        );
        policy.spec.ingress[1].ports[0].port = 9101;
      },
      /^NetworkPolicy cim\/im-server: ingress port 9101 is declared by no container it selects$/,
    ],
    [
      'an RPC secret the im-server and the gateway do not share',
      'dev',
      (o) => {
        const secretRef = container(o, 'Deployment', 'route-gateway').env!.find(
          (e) => e.name === 'CIM_RPC_SECRET',
        )!;
        secretRef.valueFrom!.secretKeyRef!.key = 'CIM_TOKEN_SECRET';
      },
      /^CIM_RPC_SECRET differs between admin, im-server, route-gateway: they must agree$/,
    ],
    [
      'an object the Kubernetes schema refuses',
      'dev',
      (o) => {
        (container(o, 'Deployment', 'admin').ports![0] as { containerPort: unknown }).containerPort = 'http';
      },
      /^Deployment cim\/admin: schema: .*containerPort must be integer/,
    ],
  ];

  const gateway = (o: K8sObject[]) => container(o, 'Deployment', 'route-gateway');
  const redis = (o: K8sObject[]) => container(o, 'StatefulSet', 'redis-cluster');
  const perPodService = (o: K8sObject[], pod: string) => find<IService & Annotated>(o, 'Service', pod);
  cases.push(
    [
      'a misspelt field the Kubernetes schema does not know',
      'dev',
      (o) => {
        const c = gateway(o) as IContainer & { readinesProbe?: unknown };
        c.readinesProbe = c.readinessProbe;
        delete c.readinessProbe;
      },
      /^Deployment cim\/route-gateway: unknown field spec.template.spec.containers\[0\].readinesProbe$/,
    ],
    [
      'a probe on the public API port',
      'prod',
      (o) => {
        gateway(o).readinessProbe!.httpGet!.port = 'http';
      },
      /readinessProbe checks \/ready on port http, not \/ready on CIM_GATEWAY_INTERNAL_PORT=8082/,
    ],
    [
      'metrics scraped from the public API port',
      'monitoring',
      (o) => {
        find<PodTemplateOf>(o, 'Deployment', 'admin').spec.template.metadata.annotations[
          'prometheus.io/port'
        ] = '8090';
      },
      /container admin \(admin\): prometheus.io\/port 8090 is not CIM_ADMIN_INTERNAL_PORT=8091/,
    ],
    [
      'a PodMonitor scraping the public API port',
      'monitoring',
      (o) => {
        podMonitor(o).spec.podMetricsEndpoints[0].port = 'http';
      },
      /^PodMonitor cim\/cim: port http of Deployment cim\/route-gateway is 8080, but its pods serve \/metrics on 8082/,
    ],
    [
      "a probe that gives up before the app's own check does",
      'dev',
      (o) => {
        container(o, 'StatefulSet', 'im-server').livenessProbe!.timeoutSeconds = 2;
      },
      /im-server\): livenessProbe timeoutSeconds 2 does not outlast the app's own 2000 ms check timeout/,
    ],
    [
      'a connection-holding pod whose memory may be overcommitted',
      'prod',
      (o) => {
        container(o, 'StatefulSet', 'im-server').resources!.requests!.memory = '512Mi';
      },
      /im-server\): memory request 512Mi ≠ limit 1Gi/,
    ],
    [
      'a PDB that lets a never-ready pod block drains',
      'prod',
      (o) => {
        delete (
          find<IPodDisruptionBudget>(o, 'PodDisruptionBudget', 'zookeeper').spec as {
            unhealthyPodEvictionPolicy?: string;
          }
        ).unhealthyPodEvictionPolicy;
      },
      /^PodDisruptionBudget cim\/zookeeper: unhealthyPodEvictionPolicy is not AlwaysAllow/,
    ],
    [
      'the namespace inside an overlay',
      'dev',
      (o) => o.push(...namespaceManifest()),
      /^Namespace cim: part of the overlay: `kubectl delete -k` would delete it/,
    ],
    [
      'a pod below the level the namespace warns at',
      'dev',
      (o) => {
        gateway(o).ports![0].hostPort = 8080;
      },
      /^Deployment cim\/route-gateway: violates the Pod Security level restricted \(warn\): hostPort 8080$/,
    ],
    [
      'a floating image tag in prod',
      'prod',
      (o) => {
        container(o, 'StatefulSet', 'zookeeper').image = 'zookeeper:3.8';
      },
      /^StatefulSet cim\/zookeeper: container zookeeper: image zookeeper:3.8 is not pinned/,
    ],
    [
      "Redis's password handed to the im-server, which never uses Redis",
      'prod',
      (o) => {
        container(o, 'StatefulSet', 'im-server').env!.push({
          name: 'CIM_REDIS_URL',
          valueFrom: { secretKeyRef: { name: 'cim-secrets', key: 'CIM_REDIS_URL' } },
        });
      },
      /im-server\): CIM_REDIS_URL \(from Secret cim-secrets\) is set, but im-server never reads it/,
    ],
    [
      'a Redis without a password',
      'prod',
      (o) => {
        redis(o).env = redis(o).env!.filter((e) => e.name !== 'REDIS_PASSWORD');
      },
      /^StatefulSet cim\/redis-cluster: container redis: no password/,
    ],
    [
      'a Redis whose maxmemory leaves no room for an AOF rewrite',
      'prod',
      (o) => {
        find<{ data: Record<string, string> }>(o, 'ConfigMap', 'redis-config').data.REDIS_MAXMEMORY =
          '1500mb';
      },
      /^StatefulSet cim\/redis-cluster: container redis: maxmemory 1500mb is over half its memory limit 2Gi/,
    ],
    [
      'a Redis Cluster node that does not give its replicas the password',
      'prod',
      (o) => {
        const script = redis(o).command!;
        script[2] = script[2]
          .replace(/\\nmasterauth "%s"/, '')
          .replace(' "$REDIS_PASSWORD" "$REDIS_PASSWORD"', ' "$REDIS_PASSWORD"');
      },
      /^StatefulSet cim\/redis-cluster: container redis: a cluster node without masterauth/,
    ],
    [
      'a Redis Cluster seed that is no Service',
      'prod',
      (o) => {
        const seeds = gateway(o).env!.find((e) => e.name === 'CIM_REDIS_CLUSTER_NODES')!;
        delete seeds.valueFrom;
        seeds.value = 'redis-clstr:6379';
      },
      /route-gateway\): CIM_REDIS_CLUSTER_NODES names redis-clstr, which is no Service of the manifests$/,
    ],
    [
      'a hostPort in an overlay that reaches clients through Services',
      'prod',
      (o) => {
        container(o, 'StatefulSet', 'im-server').ports![0].hostPort = 9000;
      },
      /^StatefulSet cim\/im-server: container im-server publishes hostPort 9000: this overlay reaches clients through Services/,
    ],
    [
      'an im-server pod without a Service of its own',
      'prod',
      (o) => {
        find<{ spec: { replicas: number } }>(o, 'StatefulSet', 'im-server').spec.replicas = 3;
      },
      /^StatefulSet cim\/im-server: pod im-server-2 has 0 Services of its own, not 1/,
    ],
    [
      'a per-pod Service left behind by a scale-down',
      'prod',
      (o) => {
        find<{ spec: { replicas: number } }>(o, 'StatefulSet', 'im-server').spec.replicas = 1;
      },
      /^Service cim\/im-server-1: selects im-server-1, no pod of StatefulSet cim\/im-server$/,
    ],
    [
      'a per-pod Service whose port is not the one the pod advertises',
      'prod',
      (o) => {
        perPodService(o, 'im-server-0').spec!.ports![0].port = 443;
      },
      /^Service cim\/im-server-0: clients dial port 443, but im-server-0 advertises port 9000 \(CIM_IM_ADVERTISED_PORT\)$/,
    ],
    [
      'a per-pod DNS name that is not the host the pod advertises',
      'prod',
      (o) => {
        perPodService(o, 'im-server-1').metadata.annotations['external-dns.alpha.kubernetes.io/hostname'] =
          'im-server-one.im.example.com';
      },
      /^Service cim\/im-server-1: its DNS name im-server-one.im.example.com is not im-server-1.im.example.com/,
    ],
    [
      'an Ingress whose certificate Secret nobody creates',
      'prod',
      (o) => {
        find<IIngress>(o, 'Ingress', 'route-gateway').spec!.tls![0].secretName = 'chat-tls';
      },
      /^Ingress cim\/route-gateway: TLS Secret chat-tls does not exist, and is not one the operator creates$/,
    ],
    [
      'an Ingress host served without TLS',
      'prod',
      (o) => {
        find<IIngress>(o, 'Ingress', 'route-gateway').spec!.rules![0].host = 'api.example.com';
      },
      /^Ingress cim\/route-gateway: host api.example.com is served without TLS$/,
    ],
    [
      'an Ingress path to a port its Service lacks',
      'prod',
      (o) => {
        find<IIngress>(o, 'Ingress', 'route-gateway').spec!.rules![0].http!.paths[0].backend.service!.port = {
          name: 'web',
        };
      },
      /^Ingress cim\/route-gateway: path \/ goes to port web of Service route-gateway, which has none$/,
    ],
    [
      'an im-server whose advertised WebSocket URL no Ingress path routes',
      'prod',
      (o) => {
        find<IIngress>(o, 'Ingress', 'im-server-websocket').spec!.rules![0].http!.paths.pop();
      },
      // The route-gateway's Ingress takes every other path (/): not to that pod.
      /^pod im-server-1 advertises wss:\/\/chat.example.com\/ws\/im-server-1, but Ingress cim\/route-gateway path \/ goes to Service route-gateway, which selects no single pod: the browser would not reach im-server-1$/,
    ],
    [
      "an im-server's WebSocket path routed to another pod",
      'prod',
      (o) => {
        find<IService>(o, 'Service', 'im-server-1-ws').spec!.selector!['statefulset.kubernetes.io/pod-name'] =
          'im-server-0';
      },
      /^pod im-server-1 advertises .*, but Ingress cim\/im-server-websocket path \/ws\/im-server-1 goes to Service im-server-1-ws, which selects pod im-server-0: the browser would not reach im-server-1$/,
    ],
    [
      "an im-server's WebSocket path routed to a port other than its WebSocket port",
      'prod',
      (o) => {
        find<IService>(o, 'Service', 'im-server-0-ws').spec!.ports![0].targetPort = 'client';
      },
      /^pod im-server-0 advertises .*, but .* reaches port 9000 of im-server-0, not its WebSocket port 9003 \(CIM_IM_WS_PORT\)$/,
    ],
    [
      "im-servers that refuse the web app's origin",
      'prod',
      (o) => {
        find<{ data: Record<string, string> }>(o, 'ConfigMap', 'im-server-config').data.CIM_IM_WS_ORIGINS =
          'https://www.example.com';
      },
      /^StatefulSet cim\/im-server: the web app at https:\/\/chat.example.com may not open WebSockets: CIM_IM_WS_ORIGINS \(https:\/\/www.example.com\) does not list its origin$/,
    ],
    [
      'an im-server that tells browsers its pod address for WebSockets',
      'dev',
      (o) => {
        const env = container(o, 'StatefulSet', 'im-server').env!;
        env.find((e) => e.name === 'CIM_IM_ADVERTISED_HOST')!.valueFrom!.fieldRef!.fieldPath = 'status.podIP';
      },
      /^StatefulSet cim\/im-server: advertises no WebSocket URL \(CIM_IM_WS_ADVERTISED_URL\), so browsers are told ws:\/\/<CIM_IM_ADVERTISED_HOST from fieldRef status.podIP>:9003\/, which they cannot reach/,
    ],
    [
      "an im-server that tells browsers its node's address but publishes no WebSocket hostPort",
      'dev',
      (o) => {
        const ports = container(o, 'StatefulSet', 'im-server').ports!;
        delete ports.find((p) => p.name === 'ws')!.hostPort;
      },
      /^StatefulSet cim\/im-server: browsers are told ws:\/\/<node address>:9003\/ \(CIM_IM_WS_PORT\), but no hostPort 9003 publishes it$/,
    ],
    [
      "an im-server on its node's address that lets no page open its WebSocket",
      'dev',
      (o) => {
        find<{ data: Record<string, string> }>(o, 'ConfigMap', 'im-server-config').data.CIM_IM_WS_ORIGINS =
          '';
      },
      /^StatefulSet cim\/im-server: browsers are told ws:\/\/<node address>:9003\/, but CIM_IM_WS_ORIGINS is empty: no page may open it$/,
    ],
  );

  it.each(cases)('%s', async (_name, name, breakIt, expected) => {
    const objects = overlay(name);
    breakIt(objects);
    const problems = await validateObjects(objects, OVERLAYS[name]);
    expect(problems).toContainEqual(expect.stringMatching(expected));
  });
});
