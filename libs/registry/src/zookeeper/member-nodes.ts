import { byId } from '../by-id';
import { ServerIdTakenError } from '../errors';
import { Member } from '../registry';
import { RegistryLogger } from './zookeeper-options';
import { hasCode, ZK } from './zookeeper-codes';
import { WatchCallback, ZooKeeperSession } from './zookeeper-session';

/** How often a node held by another session is looked at while waiting for it to vanish. */
const TAKEOVER_POLL_MS = 200;

/**
 * Creates this server's ephemeral node, or adopts it when this session already owns it (a retry after a
 * lost answer), updating its data if it differs. A node owned by another session is most often this
 * server's previous incarnation (a restart, or a session that expired and was not yet cleaned up): it
 * is waited for to vanish, up to twice the session timeout; one that outlives that belongs to a live
 * server with the same id and is left alone (ServerIdTakenError). Answers whether it created the node.
 */
export async function publishOwnNode(
  session: ZooKeeperSession,
  path: string,
  info: Member,
): Promise<boolean> {
  const data = JSON.stringify(info);
  const deadline = Date.now() + 2 * session.timeoutMs;
  for (;;) {
    try {
      await session.create(path, data, ZK.EPHEMERAL);
      return true;
    } catch (error) {
      if (hasCode(error, ZK.NO_NODE)) await session.ensurePath(path.slice(0, path.lastIndexOf('/')));
      else if (!hasCode(error, ZK.NODE_EXISTS)) throw error;
    }
    const stat = await session.exists(path);
    if (stat?.ephemeralOwner === session.id) {
      if ((await session.get(path)) !== data) await session.set(path, data, stat.version);
      return false;
    }
    if (stat && Date.now() >= deadline) throw new ServerIdTakenError(info.id);
    if (stat) await new Promise((resolve) => setTimeout(resolve, TAKEOVER_POLL_MS));
  }
}

/** Deletes the node if this session owns it: a node of another server with the same id is not ours. */
export async function withdrawOwnNode(session: ZooKeeperSession, path: string): Promise<void> {
  const stat = await session.exists(path);
  if (stat?.ephemeralOwner !== session.id) return;
  try {
    await session.delete(path, stat.version);
  } catch (error) {
    if (!hasCode(error, ZK.NO_NODE)) throw error;
  }
}

/** Hands out at most one watch per node; `disarm` frees the node again when arming failed. */
export interface Watches {
  arm(path: string): WatchCallback | undefined;
  disarm(path: string): void;
}

/** The members under `membersPath`, sorted by id; with `watches`, arms a watch on the list and on each node. */
export async function readMembers<T extends Member>(
  session: ZooKeeperSession,
  membersPath: string,
  watches?: Watches,
  logger?: RegistryLogger,
): Promise<T[]> {
  let names: string[];
  try {
    names = await watched(watches, membersPath, (watcher) => session.getChildren(membersPath, watcher));
  } catch (error) {
    if (!hasCode(error, ZK.NO_NODE)) throw error;
    if (!watches) return [];
    // A children watch needs the node: nobody has registered here yet.
    await session.ensurePath(membersPath);
    return readMembers<T>(session, membersPath, watches, logger);
  }
  const members: (T | undefined)[] = await Promise.all(
    names.map(async (name): Promise<T | undefined> => {
      const path = `${membersPath}/${name}`;
      try {
        return parseMember<T>(
          await watched(watches, path, (watcher) => session.get(path, watcher)),
          path,
          logger,
        );
      } catch (error) {
        if (hasCode(error, ZK.NO_NODE)) return undefined; // it left while we were reading
        throw error;
      }
    }),
  );
  return members.filter((m): m is T => !!m).sort(byId);
}

async function watched<T>(
  watches: Watches | undefined,
  path: string,
  call: (watcher?: WatchCallback) => Promise<T>,
): Promise<T> {
  const watcher = watches?.arm(path);
  try {
    return await call(watcher);
  } catch (error) {
    if (watcher) watches?.disarm(path);
    throw error;
  }
}

function parseMember<T extends Member>(data: string, path: string, logger?: RegistryLogger): T | undefined {
  try {
    const info = JSON.parse(data) as T;
    if (typeof info?.id === 'string') return info;
  } catch {
    // reported below
  }
  logger?.warn(`ignoring ${path}: its data is not a member description`);
  return undefined;
}
