interface Batch<I, A> {
  items: I[];
  waiting: { resolve: (answer: A) => void; reject: (error: unknown) => void }[];
}

/**
 * Gathers the calls of one tick that go to the same key (one slot: a sender's window, a conversation, a
 * receiver) into one call each, made once the tick's synchronous work and promise reactions are done
 * (process.nextTick), before ioredis's auto-pipelining sends the tick's commands (setImmediate): the
 * calls then leave in the same write they would have left in one by one, so a lone call waits no longer
 * than before. `run` answers one answer per item, in order; its failure fails each item of its batch.
 */
export class TickBatches<I, A> {
  private pending = new Map<string, Batch<I, A>>();

  constructor(private readonly run: (key: string, items: I[]) => Promise<A[]>) {}

  add(key: string, item: I): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      if (this.pending.size === 0) process.nextTick(() => this.flush());
      const batch = this.pending.get(key);
      if (batch) {
        batch.items.push(item);
        batch.waiting.push({ resolve, reject });
      } else this.pending.set(key, { items: [item], waiting: [{ resolve, reject }] });
    });
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    for (const [key, { items, waiting }] of batches) {
      let answered: Promise<A[]>;
      try {
        answered = this.run(key, items);
      } catch (error) {
        answered = Promise.reject(error);
      }
      answered.then(
        (answers) => waiting.forEach((w, i) => w.resolve(answers[i])),
        (error: unknown) => waiting.forEach((w) => w.reject(error)),
      );
    }
  }
}
