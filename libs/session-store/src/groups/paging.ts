import { isGroupId } from './group-store';

/** Decimal ids in numeric order: shorter first, then as strings. */
export function byNumericId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The ids after the cursor (a group id, or '0' for the start), and the cursor of the next page. */
export function pageAfter(ids: string[], cursor: string, count: number): { ids: string[]; cursor: string } {
  if (cursor !== '0' && !isGroupId(cursor)) throw new RangeError(`"${cursor}" is not a group cursor`);
  const rest = cursor === '0' ? ids : ids.filter((id) => byNumericId(id, cursor) > 0);
  const page = rest.slice(0, count);
  return { ids: page, cursor: rest.length > count ? page[page.length - 1] : '0' };
}
