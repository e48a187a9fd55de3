import { RegistryClosedError } from '../../errors';
import { Registry, ServerInfo, ServersListener } from '../../registry';
import { HostMessage, SessionCredentials } from './messages';
import type { RegistryHost } from './registry-host';

type State = Extract<HostMessage, { type: 'state' }>;

/**
 * A ZooKeeperRegistry that lives in a RegistryHost process, used as if it lived here. Its connection
 * state is the one the host last reported: the host reports every change within a few milliseconds,
 * and always just before answering a call about this registry.
 */
export class RemoteRegistry implements Registry {
  private state: Pick<State, 'connected' | 'session'> = { connected: false };
  /** What the registry logged, in order. */
  readonly logs: string[] = [];
  private closed = false;

  /** `created` settles once the host has built the registry: it rejects if the options were refused. */
  constructor(
    private readonly id: number,
    private readonly host: RegistryHost,
    private readonly created: Promise<unknown>,
  ) {
    created.catch(() => undefined);
  }

  async register(info: ServerInfo): Promise<void> {
    await this.created;
    await this.host.call({ op: 'register', registry: this.id, info });
  }

  async deregister(): Promise<void> {
    await this.created;
    await this.host.call({ op: 'deregister', registry: this.id });
  }

  async list(): Promise<ServerInfo[]> {
    await this.created;
    return (await this.host.call({ op: 'list', registry: this.id })) as ServerInfo[];
  }

  watch(listener: ServersListener): () => void {
    if (this.closed) throw new RegistryClosedError();
    const watch = this.host.nextWatch();
    this.host.listen(watch, listener);
    this.host.call({ op: 'watch', registry: this.id, watch }).catch(() => undefined);
    return () => {
      this.host.listen(watch);
      void this.host.call({ op: 'unwatch', registry: this.id, watch }).catch(() => undefined);
    };
  }

  isConnected(): boolean {
    return this.state.connected;
  }

  /** The current session's id and password, as ZooKeeperRegistry.sessionCredentials() answers them. */
  sessionCredentials(): SessionCredentials | undefined {
    return this.state.session;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.created;
    await this.host.call({ op: 'close', registry: this.id });
  }

  /** @internal The host's report of this registry's connection. */
  update(state: State): void {
    this.state = { connected: state.connected, session: state.session };
  }
}
