import { join } from 'node:path';
import { AppProcess as LocalAppProcess, repoRoot } from '@cim/local-cluster';

export const LOG_DIR = join(repoRoot(), '.tmp', 'logs');

export type AppName = 'im-server' | 'route-gateway' | 'admin' | 'embedded';

/**
 * One cim app as a real process (the build in dist/) in test mode with warn-level logs; its output is
 * appended to .tmp/logs/<label>.log. start() resolves once `readyUrl` answers 200 (within 45 s).
 */
export class AppProcess extends LocalAppProcess {
  constructor(app: AppName, label: string, env: Record<string, string>, readyUrl: string) {
    const testEnv = { NODE_ENV: 'test', CIM_LOG_LEVEL: 'warn', ...env };
    // A busy machine (other suites, other work) can take far longer than usual to start an app.
    super(app, label, testEnv, readyUrl, { logDir: LOG_DIR, appendLog: true, readyTimeoutMs: 45_000 });
  }
}
