import { Carrier, ConnectionLostError, ServerAddress, tcpCarrier } from '@cim/client-sdk';

type LinkHandlers = Parameters<Carrier['open']>[1];
type FrameLink = Awaited<ReturnType<Carrier['open']>>;

/**
 * TCP to the im-server, with a switch that takes the client off the network: cut() closes its
 * connection and refuses new ones (as a phone in a tunnel), restore() lets it connect again. The
 * client notices as it would a lost network: it reconnects with backoff until it is let through.
 */
export class CuttableCarrier implements Carrier {
  readonly name = 'tcp' as const;
  private cutOff = false;
  private readonly links = new Set<FrameLink>();
  private readonly inner = tcpCarrier();

  describe(server: ServerAddress): string {
    return this.inner.describe(server);
  }

  async open(server: ServerAddress, handlers: LinkHandlers, timeoutMs: number): Promise<FrameLink> {
    if (this.cutOff) throw new ConnectionLostError(`cannot connect to ${this.describe(server)}: cut off`);
    const link = await this.inner.open(
      server,
      {
        frame: (frame) => handlers.frame(frame),
        closed: (error) => {
          this.links.delete(link);
          handlers.closed(error);
        },
      },
      timeoutMs,
    );
    this.links.add(link);
    return link;
  }

  cut(): void {
    this.cutOff = true;
    for (const link of [...this.links]) link.close();
  }

  restore(): void {
    this.cutOff = false;
  }
}
