import { Member } from './registry';

/** Both registries list members sorted by id, so that every reader sees them in the same order. */
export function byId(a: Member, b: Member): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
