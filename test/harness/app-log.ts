import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_DIR } from './app-process';

/** What an app (by its label, e.g. 'im-1') has written to its log since this watch was made. */
export class AppLog {
  private readonly offset: number;

  constructor(private readonly label: string) {
    this.offset = size(this.path);
  }

  private get path(): string {
    return join(LOG_DIR, `${this.label}.log`);
  }

  text(): string {
    return readFileSync(this.path).subarray(this.offset).toString('utf8');
  }
}

function size(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
