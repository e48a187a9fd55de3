import { ServerInfo } from '@cim/registry';

/**
 * The servers a placement passes over among those it may use: first the one that answered its client
 * busy (`avoid`), then those reported busy lately (`isBusy`), each only while another server is left,
 * so no login is refused for either. The strategy picks among the others as it always does.
 */
export function passedOver(
  servers: readonly ServerInfo[],
  avoid: string | undefined,
  isBusy: (serverId: string) => boolean,
): ReadonlySet<string> {
  const passed = new Set<string>();
  if (avoid !== undefined && servers.length > 1 && servers.some((s) => s.id === avoid)) passed.add(avoid);
  const left = servers.filter((s) => !passed.has(s.id));
  const busy = left.filter((s) => isBusy(s.id));
  if (busy.length < left.length) for (const s of busy) passed.add(s.id);
  return passed;
}
