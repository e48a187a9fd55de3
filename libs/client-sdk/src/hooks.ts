import { ClientHooks, MessageListener, ReceivedMessage } from './types';

type Callback = Exclude<keyof ClientHooks, 'onError'>;

/**
 * Calls the user's hooks and listener so that nothing they throw, or reject with, reaches the
 * client: every such error goes to onError (and an error in onError itself is dropped).
 */
export class SafeCallbacks {
  constructor(
    private readonly hooks: ClientHooks = {},
    private readonly listener?: MessageListener,
  ) {}

  emit<K extends Callback>(name: K, ...args: Parameters<NonNullable<ClientHooks[K]>>): void {
    const hook = this.hooks[name] as ((...a: unknown[]) => unknown) | undefined;
    if (!hook) return;
    try {
      const result = hook.apply(this.hooks, args);
      if (isPromise(result)) result.catch((error: unknown) => this.error(error));
    } catch (error) {
      this.error(error);
    }
  }

  /** Awaits the listener, so that messages reach it one after the other. */
  async deliver(message: ReceivedMessage): Promise<void> {
    if (!this.listener) return;
    try {
      await this.listener.onMessage(message);
    } catch (error) {
      this.error(error);
    }
  }

  error(error: unknown): void {
    try {
      this.hooks.onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // onError itself failed: there is nowhere left to report it.
    }
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | undefined)?.then === 'function';
}
