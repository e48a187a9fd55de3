import { join } from 'node:path';
import { repoRoot } from '@cim/local-cluster';

/** .tmp/bench/<sub>: logs, profiles and results of the bench. */
export function benchDir(...sub: string[]): string {
  return join(repoRoot(), '.tmp', 'bench', ...sub);
}

/** Where every process the bench starts writes its output: .tmp/bench/logs/<label>.log. */
export const LOG_DIR = benchDir('logs');
