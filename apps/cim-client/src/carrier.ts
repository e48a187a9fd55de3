import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { Carrier, tcpCarrier, WebSocketConstructor, websocketCarrier } from '@cim/client-sdk';
import { CliArgs, UsageError } from './args';

/** The SDK carrier the command line asks for, trusting the CA file's certificates when one is given. */
export function carrierFor({ carrier, caFile }: Pick<CliArgs, 'carrier' | 'caFile'>): Carrier {
  let ca: Buffer | undefined;
  if (caFile !== undefined) {
    try {
      ca = readFileSync(caFile);
    } catch (error) {
      throw new UsageError(`--ca-file ${caFile}: ${(error as Error).message}`);
    }
  }
  if (carrier === 'tcp') return tcpCarrier({ ca });
  // Node 20 has no WebSocket of its own; `ws` takes the TLS options as its third argument.
  return websocketCarrier({
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    options: ca ? { ca } : undefined,
  });
}
