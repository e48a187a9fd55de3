import { byId } from '../by-id';
import { RegistryClosedError, ServerIdTakenError } from '../errors';
import { Member, MembersListener, Registry, RegistryGroup, ServerInfo } from '../registry';

/**
 * The members of one group that one process knows of. Every MemoryRegistry built on the same space sees
 * the same members: in the embedded mode the gateway's and the im-server's registries share the
 * process's space of each group (MemoryRegistry.space).
 */
export class MemoryRegistrySpace<T extends Member = ServerInfo> {
  private readonly servers = new Map<string, { owner: MemoryRegistry<T>; info: T }>();
  private readonly subscribers = new Set<() => void>();

  /** The members, sorted by id, as copies. */
  list(): T[] {
    return [...this.servers.values()].map(({ info }) => ({ ...info })).sort(byId);
  }

  holder(id: string): MemoryRegistry<T> | undefined {
    return this.servers.get(id)?.owner;
  }

  /** Publishes the member, in the same change withdrawing the owner's member `replacing`. */
  put(owner: MemoryRegistry<T>, info: T, replacing?: string): void {
    if (replacing !== undefined && this.holder(replacing) === owner) this.servers.delete(replacing);
    this.servers.set(info.id, { owner, info: { ...info } });
    this.changed();
  }

  remove(owner: MemoryRegistry<T>, id: string): void {
    if (this.holder(id) !== owner) return;
    this.servers.delete(id);
    this.changed();
  }

  /** The subscriber is called synchronously after each change. */
  subscribe(subscriber: () => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private changed(): void {
    for (const subscriber of this.subscribers) subscriber();
  }
}

/**
 * The in-memory Registry of the embedded single-process mode. Listeners are called asynchronously, each
 * in its own microtask, with the list as it was right after the change.
 */
export class MemoryRegistry<T extends Member = ServerInfo> implements Registry<T> {
  private static readonly spaces = new Map<RegistryGroup, MemoryRegistrySpace<Member>>();
  static readonly defaultSpace: MemoryRegistrySpace = MemoryRegistry.space<ServerInfo>('servers');

  /** The process's space of a group: every registry of that group in this process shares it. */
  static space<M extends Member>(group: RegistryGroup): MemoryRegistrySpace<M> {
    let space = MemoryRegistry.spaces.get(group);
    if (!space) MemoryRegistry.spaces.set(group, (space = new MemoryRegistrySpace<Member>()));
    return space as unknown as MemoryRegistrySpace<M>;
  }

  private ownId?: string;
  private readonly unsubscribes = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly space: MemoryRegistrySpace<T> = MemoryRegistry.defaultSpace as unknown as MemoryRegistrySpace<T>,
  ) {}

  /** Rejects with ServerIdTakenError when another live registry holds the id. */
  async register(info: T): Promise<void> {
    this.assertOpen();
    const holder = this.space.holder(info.id);
    if (holder && holder !== this) throw new ServerIdTakenError(info.id);
    this.space.put(this, info, this.ownId);
    this.ownId = info.id;
  }

  async deregister(): Promise<void> {
    if (this.ownId === undefined) return;
    this.space.remove(this, this.ownId);
    this.ownId = undefined;
  }

  async list(): Promise<T[]> {
    this.assertOpen();
    return this.space.list();
  }

  watch(listener: MembersListener<T>): () => void {
    this.assertOpen();
    let active = true;
    const tell = () => {
      const servers = this.space.list();
      queueMicrotask(() => {
        if (active) listener(servers);
      });
    };
    const unsubscribeSpace = this.space.subscribe(tell);
    const unsubscribe = () => {
      active = false;
      unsubscribeSpace();
      this.unsubscribes.delete(unsubscribe);
    };
    this.unsubscribes.add(unsubscribe);
    tell();
    return unsubscribe;
  }

  isConnected(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.deregister();
    for (const unsubscribe of [...this.unsubscribes]) unsubscribe();
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new RegistryClosedError();
  }
}

/** The registry of the embedded mode: registries built on the same space see each other. */
export function createMemoryRegistry<T extends Member = ServerInfo>(
  space?: MemoryRegistrySpace<T>,
): MemoryRegistry<T> {
  return new MemoryRegistry<T>(space);
}
