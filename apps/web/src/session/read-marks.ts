import { GatewayCalls, GatewayCallError } from './gateway-calls';

/** The SDK's read-state call where the SDK has it (client.markRead, sent over the connection). */
interface MaybeMarksRead {
  markRead?(conversation: string, seq: number): Promise<unknown> | void;
}

/**
 * Tells the server how far this user has read each conversation, once per new seq: with the SDK's
 * markRead when it has one, else POST /api/conversations/{id}/read. A server without read state (404 to
 * that call) is not asked again.
 */
export class ReadMarks {
  private readonly marked = new Map<string, number>();
  private unsupported = false;

  constructor(
    private readonly client: MaybeMarksRead,
    private readonly calls: GatewayCalls,
  ) {}

  mark(conversation: string, seq: number): void {
    if (!seq || this.unsupported || (this.marked.get(conversation) ?? 0) >= seq) return;
    this.marked.set(conversation, seq);
    const sent =
      typeof this.client.markRead === 'function'
        ? Promise.resolve(this.client.markRead(conversation, seq))
        : this.calls.markRead(conversation, seq);
    sent.catch((error: unknown) => {
      if (error instanceof GatewayCallError && (error.status === 404 || error.status === 405))
        this.unsupported = true;
      else this.marked.delete(conversation);
    });
  }
}
