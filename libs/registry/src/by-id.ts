import { ServerInfo } from './registry';

/** Both registries list servers sorted by id, so that every reader sees them in the same order. */
export function byId(a: ServerInfo, b: ServerInfo): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
