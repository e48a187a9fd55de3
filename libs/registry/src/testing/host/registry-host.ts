import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { RegistryClosedError, ServerIdTakenError } from '../../errors';
import { ServerInfo } from '../../registry';
import { HostedRegistryOptions, HostError, HostMessage, HostRequest, SessionCredentials } from './messages';
import { RemoteRegistry } from './remote-registry';

/** A request as the test process writes it: the host numbers it. */
type Request = HostRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * A child process that holds ZooKeeper clients for a test: ZooKeeper registries (each used here through
 * a RemoteRegistry, a Registry like any other, with what it logged) and a probe.
 *
 * A process of its own, as an app's registry has: a test kills it to see what a crashed process leaves
 * behind (its sessions, until ZooKeeper times them out), and one whose registries are fed nonsense sees
 * whether the process holding them lives on.
 */
export class RegistryHost {
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly remotes = new Map<number, RemoteRegistry>();
  private readonly listeners = new Map<number, (servers: ServerInfo[]) => void>();
  private lastId = 0;
  private exited?: Error;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: HostMessage) => this.receive(message));
    child.once('exit', (code, signal) => {
      this.exited = new Error(`the registry host exited (${signal ?? code})`);
      for (const call of this.pending.values()) call.reject(this.exited);
      this.pending.clear();
    });
  }

  /** Starts a host process; it answers once ready. */
  static async start(): Promise<RegistryHost> {
    const child = fork(join(__dirname, 'launch-host.js'), [], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the registry host exited with ${code} while starting`)));
    });
    return new RegistryHost(child);
  }

  /** A ZooKeeperRegistry in the host; it connects in the background, as the real one does. */
  registry(options: HostedRegistryOptions): RemoteRegistry {
    const id = ++this.lastId;
    const remote = new RemoteRegistry(id, this, this.call({ op: 'create', registry: id, options }));
    this.remotes.set(id, remote);
    return remote;
  }

  /** The id of the session owning the node, or undefined when there is no node. */
  owner(connect: string, path: string): Promise<string | undefined> {
    return this.call({ op: 'owner', connect, path }) as Promise<string | undefined>;
  }

  /** Ends a session as the server would when it expires (see ZooKeeperProbe.expire). */
  async expire(connect: string, credentials: SessionCredentials): Promise<void> {
    await this.call({ op: 'expire', connect, credentials });
  }

  /** Kills the host at once, as a crash would: its sessions stay until ZooKeeper times them out. */
  kill(): void {
    this.child.kill('SIGKILL');
  }

  /** Closes the host's registries (their sessions end at once) and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.exited || !this.child.connected) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }

  /** @internal Sends a request and answers the host's reply. */
  call(request: Request): Promise<unknown> {
    if (this.exited) return Promise.reject(this.exited);
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...request, id } as HostRequest);
    });
  }

  /** @internal Routes the lists a watch in the host is told. */
  listen(watch: number, listener?: (servers: ServerInfo[]) => void): void {
    if (listener) this.listeners.set(watch, listener);
    else this.listeners.delete(watch);
  }

  /** @internal A number for a new watch. */
  nextWatch(): number {
    return ++this.lastId;
  }

  private receive(message: HostMessage): void {
    if (message.type === 'state') this.remotes.get(message.registry)?.update(message);
    else if (message.type === 'log') this.remotes.get(message.registry)?.logs.push(message.message);
    else if (message.type === 'servers') this.listeners.get(message.watch)?.(message.servers);
    else if (message.type === 'reply') {
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) call?.reject(rebuild(message.error));
      else call?.resolve(message.result);
    }
  }
}

/** The registry's own errors come back as their classes, so that tests can expect them by class. */
function rebuild(error: HostError): Error {
  if (error.name === 'RegistryClosedError') return new RegistryClosedError();
  if (error.name === 'ServerIdTakenError') return new ServerIdTakenError(error.serverId ?? '');
  return Object.assign(new Error(error.message), { name: error.name });
}
