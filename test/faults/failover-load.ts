import { eventually } from '../harness/eventually';
import { SdkUser } from '../harness/sdk-user';

/** One SEND as the sender saw it: when it left, how long its answer took, and whether it was refused. */
export interface SendRecord {
  body: string;
  receiver: SdkUser;
  startedAt: number;
  ms: number;
  refused?: string;
}

/**
 * Private messages in a ring (user i to user i+1), `lanes` SENDs in flight per user, until `keepGoing`
 * says stop and each user has sent at least `minimum`. A refused SEND is recorded and the next one goes
 * after a short pause, as an application would; every attempt has a body of its own.
 */
export class RingLoad {
  readonly sends: SendRecord[] = [];

  constructor(
    private readonly users: SdkUser[],
    private readonly lanes: number,
    private readonly label: string,
  ) {}

  async run(minimum: number, keepGoing: () => boolean): Promise<void> {
    await Promise.all(this.users.map((user, i) => this.sender(user, i, minimum, keepGoing)));
  }

  /** The acknowledged SENDs whose message has not (yet) reached the receiver's listener. */
  undelivered(): SendRecord[] {
    const got = new Map(this.users.map((user) => [user, new Set(user.bodies())]));
    return this.sends.filter((s) => !s.refused && !got.get(s.receiver)!.has(s.body));
  }

  /** One more message to each user, sent once all else has arrived: a copy of anything would have come by then. */
  async markers(): Promise<void> {
    const marker = (i: number) => `${this.users[i].userId}:${this.label}:marker`;
    await Promise.all(
      this.users.map((user, i) =>
        user.client.sendPrivate(this.users[(i + 1) % this.users.length].userId, marker(i)),
      ),
    );
    const missing = () =>
      this.users.filter(
        (user, i) => !user.bodies().includes(marker((i + this.users.length - 1) % this.users.length)),
      );
    await eventually(() => expect(missing()).toEqual([]), 30_000);
  }

  /** Bodies a listener got more than once. */
  copies(): string[] {
    return this.users.flatMap((user) => {
      const counts = new Map<string, number>();
      for (const body of user.bodies()) counts.set(body, (counts.get(body) ?? 0) + 1);
      return [...counts].filter(([, n]) => n > 1).map(([body, n]) => `${body} ×${n}`);
    });
  }

  private async sender(user: SdkUser, i: number, minimum: number, keepGoing: () => boolean) {
    const receiver = this.users[(i + 1) % this.users.length];
    let next = 0;
    const lane = async () => {
      while (next < minimum || keepGoing()) {
        const record: SendRecord = {
          body: `${user.userId}:${this.label}:${next++}`,
          receiver,
          startedAt: Date.now(),
          ms: 0,
        };
        this.sends.push(record);
        try {
          await user.client.sendPrivate(receiver.userId, record.body);
        } catch (error) {
          record.refused = (error as Error).message;
        }
        record.ms = Date.now() - record.startedAt;
        if (record.refused) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await Promise.all(Array.from({ length: this.lanes }, lane));
  }
}

/** What the sends that started inside [from, to] saw: how many, refused, slow (over 1 s), the slowest. */
export function sendsBetween(sends: SendRecord[], from: number, to: number): string {
  const inside = sends.filter((s) => s.startedAt >= from && s.startedAt <= to);
  const refused = inside.filter((s) => s.refused);
  const span = refused.length
    ? Math.max(...refused.map((s) => s.startedAt + s.ms)) - refused[0].startedAt
    : 0;
  const slow = inside.filter((s) => s.ms > 1000).length;
  const slowest = Math.max(0, ...inside.map((s) => s.ms));
  const reasons = [...new Set(refused.map((s) => s.refused))].join('; ');
  return (
    `${inside.length} sends, ${refused.length} refused over ${span} ms${reasons ? ` (${reasons})` : ''}, ` +
    `${slow} over 1 s, slowest ${slowest} ms`
  );
}
