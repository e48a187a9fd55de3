import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, freePort, startChild, waitForHttp } from '@cim/local-cluster';
import { stringify } from 'yaml';

const PROMETHEUS = process.env.PROMETHEUS || '/usr/bin/prometheus';

/** A scrape job: its name (im-server, route-gateway, admin) and the host:port of each target. */
export interface ScrapeJob {
  job: string;
  targets: string[];
}

/** One sample of an instant query's answer. */
export interface QuerySample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * A real Prometheus of its own: temporary directory and TSDB, a free loopback port, scraping the given
 * jobs every second and evaluating the given rule files every second.
 */
export class PrometheusServer {
  private child?: Child;
  url = '';

  private constructor(private readonly dir: string) {}

  static async start(jobs: ScrapeJob[], ruleFiles: string[]): Promise<PrometheusServer> {
    const server = new PrometheusServer(mkdtempSync(join(tmpdir(), 'cim-prometheus-')));
    await server.boot(jobs, ruleFiles);
    return server;
  }

  /** An instant query; rejects with Prometheus' error when the query is invalid. */
  async query(promql: string): Promise<QuerySample[]> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const answer = (await response.json()) as {
      status: string;
      error?: string;
      data?: { result: QuerySample[] };
    };
    if (answer.status !== 'success') throw new Error(`${promql}: ${answer.error}`);
    return answer.data!.result;
  }

  async get<T>(path: string): Promise<T> {
    const answer = (await (await fetch(`${this.url}${path}`)).json()) as { data: T };
    return answer.data;
  }

  async stop(): Promise<void> {
    await this.child?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async boot(jobs: ScrapeJob[], ruleFiles: string[]): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const config = join(this.dir, 'prometheus.yml');
    writeFileSync(
      config,
      stringify({
        global: { scrape_interval: '1s', scrape_timeout: '900ms', evaluation_interval: '1s' },
        rule_files: ruleFiles,
        scrape_configs: jobs.map(({ job, targets }) => ({ job_name: job, static_configs: [{ targets }] })),
      }),
    );
    this.child = await startChild(
      {
        label: 'prometheus',
        command: PROMETHEUS,
        args: [
          `--config.file=${config}`,
          `--storage.tsdb.path=${join(this.dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        logDir: this.dir,
      },
      () => waitForHttp(`${this.url}/-/ready`, 30000),
    );
  }
}
