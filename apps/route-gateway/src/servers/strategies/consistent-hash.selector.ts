import { createHash } from 'node:crypto';
import { ServerInfo } from '@cim/registry';
import { ServerSelector } from './server-selector';

/** Points each server has on the ring: enough for an even spread among a handful of servers. */
export const VIRTUAL_NODES = 160;

interface Ring {
  key: string;
  points: number[];
  /** For each point, the index of its server in the list the ring was made from. */
  owners: number[];
}

/**
 * A user goes to the same server for as long as it lives: user ids and servers' virtual nodes are
 * hashed onto a ring, and a user goes to the first node at or after their hash. When a server comes
 * or goes, only the users on its arcs move.
 */
export class ConsistentHashSelector implements ServerSelector {
  private ring?: Ring;

  constructor(private readonly virtualNodes = VIRTUAL_NODES) {}

  pick(servers: readonly ServerInfo[], userId: string, passOver?: ReadonlySet<string>): ServerInfo {
    const ring = this.ringOf(servers);
    const point = hash(userId);
    let low = 0;
    let high = ring.points.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (ring.points[middle] < point) low = middle + 1;
      else high = middle;
    }
    let owner = ring.owners[low % ring.points.length];
    for (let next = low + 1; passOver?.has(servers[owner].id); next++)
      owner = ring.owners[next % ring.points.length];
    return servers[owner];
  }

  private ringOf(servers: readonly ServerInfo[]): Ring {
    const key = servers.map((s) => s.id).join('\n');
    if (this.ring?.key === key) return this.ring;
    const nodes = servers.flatMap((server, owner) =>
      Array.from({ length: this.virtualNodes }, (_, i) => ({ point: hash(`${server.id}#${i}`), owner })),
    );
    nodes.sort((a, b) => a.point - b.point || a.owner - b.owner);
    this.ring = { key, points: nodes.map((n) => n.point), owners: nodes.map((n) => n.owner) };
    return this.ring;
  }
}

/** The first 32 bits of the MD5 of the text: fast, and spread evenly enough for placement. */
function hash(text: string): number {
  return createHash('md5').update(text).digest().readUInt32BE(0);
}
