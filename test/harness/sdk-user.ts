import { CimClient, CimClientOptions, ClientState, ReceivedMessage } from '@cim/client-sdk';

/** Kept here too for the suites that import it from this file. */
export { eventually } from './eventually';

export const SDK_PASSWORD = 'correct horse battery';

/** An SDK client of a new user, recording the messages, states and reconnections it saw. */
export class SdkUser {
  readonly messages: ReceivedMessage[] = [];
  readonly states: ClientState[] = [];
  readonly client: CimClient;
  userId = '';
  lostAt?: number;
  reconnectMs: number[] = [];
  /** When the client became ready after each loss of its connection. */
  backAt: number[] = [];

  constructor(
    gatewayUrl: string,
    readonly name: string,
    options: Partial<CimClientOptions> = {},
  ) {
    this.client = new CimClient({
      gatewayUrl,
      name,
      password: SDK_PASSWORD,
      // A registration hashes a password: on a machine loaded many times over it can take past the
      // SDK's default 10 s, and the suites judge what a user sees, not how fast a loaded machine is.
      httpTimeoutMs: 30_000,
      listener: { onMessage: (m) => void this.messages.push(m) },
      hooks: {
        onStateChange: (state) => {
          this.states.push(state);
          if (state === 'reconnecting') this.lostAt ??= Date.now();
          if (state === 'ready' && this.lostAt !== undefined) {
            this.reconnectMs.push(Date.now() - this.lostAt);
            this.backAt.push(Date.now());
            this.lostAt = undefined;
          }
        },
      },
      ...options,
    });
  }

  async online(): Promise<this> {
    this.userId = await this.client.register();
    await this.client.start();
    return this;
  }

  get serverId(): string {
    return this.client.session!.server.id;
  }

  bodies(): string[] {
    return this.messages.map((m) => m.body);
  }
}

/** The most of the (sorted or not) instants that fall within any `windowMs`. */
export function peakWithin(instants: number[], windowMs: number): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let peak = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] > windowMs) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

/** Runs the tasks with at most `width` at a time. */
export async function inBatches<T>(
  items: T[],
  width: number,
  task: (item: T, index: number) => Promise<void>,
) {
  for (let i = 0; i < items.length; i += width) {
    await Promise.all(items.slice(i, i + width).map((item, j) => task(item, i + j)));
  }
}
