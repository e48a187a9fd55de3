import { Liveness, LivenessTarget } from './liveness';

/** A client whose connection, answers and drops the test decides; the session timeout is 3 s. */
class FakeClient implements LivenessTarget {
  connected = true;
  timeout = 3000;
  current: object | undefined = { socket: 1 };
  asked = 0;
  /** Whether questions are answered at once. */
  prompt = false;
  readonly drops: string[] = [];
  private answers: (() => void)[] = [];

  timeoutMs(): number {
    return this.timeout;
  }
  isConnected(): boolean {
    return this.connected;
  }
  attempt(): object | undefined {
    return this.current;
  }
  ask(): Promise<unknown> {
    this.asked++;
    if (this.prompt) return Promise.resolve();
    return new Promise((resolve) => this.answers.push(() => resolve(undefined)));
  }
  drop(attempt: object, why: string): void {
    expect(attempt).toBe(this.current);
    this.drops.push(why);
  }
  /** The server answers every question asked so far. */
  answer(): void {
    this.answers.splice(0).forEach((answer) => answer());
  }
  /** The client connects again, over a new socket. */
  reconnect(): void {
    this.current = { socket: Math.random() };
  }
}

describe('Liveness', () => {
  let client: FakeClient;
  let liveness: Liveness;

  beforeEach(() => {
    jest.useFakeTimers();
    client = new FakeClient();
    liveness = new Liveness(client);
    liveness.start();
  });
  afterEach(() => {
    liveness.stop();
    jest.useRealTimers();
  });

  /** Advances the clock, letting answers (promises) settle on the way. */
  async function after(ms: number): Promise<void> {
    await jest.advanceTimersByTimeAsync(ms);
  }

  it('asks a connected client a question every third of the session timeout', async () => {
    await after(999);
    expect(client.asked).toBe(0);
    await after(1);
    expect(client.asked).toBe(1);
    client.answer();
    await after(1000);
    expect(client.asked).toBe(2);
    client.answer();
    client.prompt = true;
    await after(10_000);
    expect(client.asked).toBe(12);
    expect(client.drops).toEqual([]);
  });

  it('keeps a connection whose answer comes just within two thirds of the timeout', async () => {
    await after(1000);
    await after(1999);
    client.answer();
    client.prompt = true;
    await after(5000);
    expect(client.drops).toEqual([]);
  });

  it('drops a connection that leaves a question unanswered for two thirds of the timeout', async () => {
    await after(1000);
    await after(1999);
    expect(client.drops).toEqual([]);
    await after(1);
    expect(client.drops).toEqual(['no answer within 2000 ms']);
  });

  it('does not drop the next connection for a question asked over the previous one', async () => {
    await after(1000);
    client.reconnect();
    await after(1000);
    client.answer();
    client.prompt = true;
    await after(10_000);
    expect(client.drops).toEqual([]);
  });

  it('drops an attempt that has not completed its handshake after two thirds of the timeout', async () => {
    client.connected = false;
    await after(1000); // first seen here
    await after(1000);
    expect(client.drops).toEqual([]);
    await after(1001); // the drop is made at the next turn of the loop
    expect(client.drops).toEqual(['no handshake within 2000 ms']);
    expect(client.asked).toBe(0);
  });

  it('gives a handshake a sixth of a long timeout, not two thirds, so the next attempt comes in time', async () => {
    liveness.stop();
    client.timeout = 30_000;
    client.connected = false;
    liveness = new Liveness(client);
    liveness.start();
    await after(1250); // first seen here: an attempt is looked at four times within its limit
    await after(4999);
    expect(client.drops).toEqual([]);
    await after(2);
    expect(client.drops).toEqual(['no handshake within 5000 ms']);
  });

  it('does not drop an attempt whose handshake arrives before the drop is made', async () => {
    client.connected = false;
    await after(2999);
    expect(client.drops).toEqual([]);
    // The tick that finds the attempt too old runs; the handshake is read before the drop.
    await jest.advanceTimersToNextTimerAsync();
    client.connected = true;
    await after(1);
    expect(client.drops).toEqual([]);
  });

  it('leaves attempts alone that are replaced in time, and a client between attempts', async () => {
    client.connected = false;
    for (let i = 0; i < 5; i++) {
      await after(1000);
      client.reconnect();
    }
    client.current = undefined;
    await after(10_000);
    expect(client.drops).toEqual([]);
  });

  it('does nothing once stopped', async () => {
    await after(1000);
    liveness.stop();
    await after(10_000);
    expect(client.asked).toBe(1);
    expect(client.drops).toEqual([]);
  });
});
