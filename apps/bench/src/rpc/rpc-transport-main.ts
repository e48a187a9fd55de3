// node dist/apps/bench/apps/bench/src/rpc/rpc-transport-main.js [seconds] [calls in flight]
// The RPC transport alone, in one process: Nest's ServerTCP and ClientTCP on loopback with Nest's JSON
// framing and with cim's binary framing, calls shaped like an im-server's batched SENDs. It prints the
// CPU time per call (process.cpuUsage, both ends together), which a machine shared with other work
// changes far less than it changes throughput, and with one call in flight the time of a round trip.
import { ClientTCP, ServerTCP, TcpSocket } from '@nestjs/microservices';
import { Socket } from 'node:net';
import { firstValueFrom, of } from 'rxjs';
import { freePort } from '@cim/local-cluster';
import { BinarySocket } from '@cim/rpc';
import { JsonSocket } from '@nestjs/microservices';

type SocketClass = new (socket: Socket) => TcpSocket;
const BATCH = 4;

const request = (n: number) => ({
  requests: Array.from({ length: BATCH }, (_, i) => ({
    userId: `user-${n % 1000}`,
    sessionId: 'f3b2c1d0-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    serverId: 'im-1',
    userName: `user-${n % 1000}`,
    clientMsgId: `user-${n % 1000}-${n * BATCH + i}`,
    receiverId: `user-${(n + 500) % 1000}`,
    body: '1234567890123456 '.repeat(4).slice(0, 64),
  })),
});
const reply = (n: number) => ({
  results: Array.from({ length: BATCH }, (_, i) => ({
    reply: { messageId: String(7_000_000_000_000 + n * BATCH + i), sentAt: Date.now(), duplicate: false },
  })),
});

async function measure(
  name: string,
  socketClass: SocketClass,
  seconds: number,
  inFlight: number,
): Promise<string> {
  const port = await freePort();
  const server = new ServerTCP({ host: '127.0.0.1', port, socketClass });
  let n = 0;
  server.addHandler('gateway.message.send', () => Promise.resolve(of(reply(n++))));
  await new Promise<void>((resolve) => server.listen(() => resolve()));
  const client = new ClientTCP({ host: '127.0.0.1', port, socketClass });
  await client.connect();
  let calls = 0;
  let running = true;
  const caller = async (): Promise<void> => {
    while (running) {
      await firstValueFrom(client.send('gateway.message.send', request(calls)));
      calls++;
    }
  };
  const warm = Array.from({ length: inFlight }, caller);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const [startCalls, startCpu, startAt] = [calls, process.cpuUsage(), process.hrtime.bigint()];
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const cpu = process.cpuUsage(startCpu);
  const wallSec = Number(process.hrtime.bigint() - startAt) / 1e9;
  const done = calls - startCalls;
  running = false;
  await Promise.all(warm);
  await client.close();
  await server.close();
  const cpuUs = (cpu.user + cpu.system) / done;
  const roundTripUs = (wallSec * 1e6 * inFlight) / done;
  return `| ${name} | ${Math.round(done / wallSec)} | ${roundTripUs.toFixed(0)} | ${cpuUs.toFixed(1)} | ${(cpuUs / BATCH).toFixed(1)} |`;
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const inFlight = Number(process.argv[3] ?? 64);
  console.log(`${inFlight} calls in flight, ${BATCH} SENDs per call, ${seconds} s each, twice in turn`);
  console.log(
    '| framing | calls/s | µs per round trip | CPU µs per call | CPU µs per SEND |\n|---|---|---|---|---|',
  );
  for (let round = 0; round < 2; round++) {
    console.log(await measure("Nest's JSON (JsonSocket)", JsonSocket, seconds, inFlight));
    console.log(await measure("cim's binary (BinarySocket)", BinarySocket, seconds, inFlight));
  }
}

void main();
