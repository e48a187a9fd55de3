// A host of idle SDK clients, forked by a suite that needs more clients than its own process can carry
// (test/faults/server-killed-5000): it logs them in, then answers where they are over IPC while they
// reconnect by themselves, as real clients do, when their im-server goes away.
import { CimClient, tcpCarrier } from '@cim/client-sdk';
import { mapLimit } from '../load/limit';
import { IdleCommand, IdleReply, IdleReport, IdleStatus } from './idle-messages';

/** One SDK client and what it went through since its last loss of connection. */
interface Tracked {
  client: CimClient;
  lostAt?: number;
  reconnectMs?: number;
  backAt?: number;
  attempts: number;
}

/**
 * A first login whose answer came too late for its client (the HTTP timeout) leaves a pending route
 * that refuses the next try (409) until CIM_CONNECT_GRACE_MS (15 s) ends: the tries span longer.
 */
const START_ATTEMPTS = 8;
let tracked: Tracked[] = [];

function track(options: ConstructorParameters<typeof CimClient>[0]): Tracked {
  const entry: Tracked = { client: undefined as unknown as CimClient, attempts: 0 };
  entry.client = new CimClient({
    ...options,
    hooks: {
      onStateChange: (state) => {
        if (state === 'reconnecting' && entry.lostAt === undefined) {
          entry.lostAt = Date.now();
          entry.attempts = 0;
        }
        if (state === 'ready' && entry.lostAt !== undefined) {
          entry.backAt = Date.now();
          entry.reconnectMs = entry.backAt - entry.lostAt;
          entry.lostAt = undefined;
        }
      },
      onReconnecting: () => void entry.attempts++,
    },
  });
  return entry;
}

function status(): IdleStatus {
  const readyOn: Record<string, number> = {};
  const notReady: Record<string, number> = {};
  let byPassword = 0;
  for (const { client } of tracked) {
    if (client.state !== 'ready') {
      notReady[client.state] = (notReady[client.state] ?? 0) + 1;
      continue;
    }
    const server = client.session!.server.id;
    readyOn[server] = (readyOn[server] ?? 0) + 1;
    if (!client.session!.resumed) byPassword++;
  }
  return { readyOn, notReady, byPassword };
}

function report(): IdleReport {
  const back = tracked.filter((t) => t.backAt !== undefined);
  return {
    reconnectMs: back.map((t) => t.reconnectMs!),
    backAt: back.map((t) => t.backAt!),
    attempts: back.map((t) => t.attempts),
  };
}

async function handle(command: IdleCommand): Promise<IdleReply> {
  switch (command.type) {
    case 'start': {
      const { gatewayUrl, password, users, localAddresses, concurrency } = command;
      tracked = users.map(({ name, userId }, i) =>
        track({
          gatewayUrl,
          name,
          userId,
          password,
          loginRetries: 30,
          carrier: tcpCarrier({ localAddress: localAddresses[i % localAddresses.length] }),
        }),
      );
      let failed = 0;
      let firstError: string | undefined;
      await mapLimit(tracked, concurrency, async ({ client }) => {
        // A first login on a busy machine can meet a transient refusal: a few more tries.
        for (let attempt = 1; ; attempt++) {
          try {
            return await client.start();
          } catch (error) {
            if (attempt < START_ATTEMPTS) {
              await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
              continue;
            }
            failed++;
            firstError ??= (error as Error).message;
            return;
          }
        }
      });
      return { type: 'started', failed, firstError };
    }
    case 'status':
      return { type: 'status', ...status() };
    case 'report':
      return { type: 'report', ...report() };
    case 'close':
      await mapLimit(tracked, 500, ({ client }) => client.close());
      tracked = [];
      return { type: 'closed' };
  }
}

process.on('message', (command: IdleCommand) => {
  handle(command).then(
    (reply) => process.send!(reply),
    (error: Error) => process.send!({ type: 'error', message: error.message } satisfies IdleReply),
  );
});
process.on('disconnect', () => process.exit(0));
