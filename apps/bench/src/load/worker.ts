// A load-generator process, forked by the bench: it holds connections and senders and answers the
// bench's commands (load/messages.ts) one at a time over IPC.
import { ConnectTarget, UserSpec } from '../workloads/system';
import { busyAnswers } from './carrier/session-request';
import { CimConnection } from './cim-connection';
import { mapLimit } from './limit';
import { LoadConnection } from './load-connection';
import { WorkerCommand, WorkerReply } from './messages';
import { Recorder } from './recorder';
import { Sender } from './sender';
import { SioConnection } from './sio-connection';

const recorder = new Recorder();
const connections = new Map<string, LoadConnection>();
/** Resume credentials of the cim connections dropped, by user id. */
const dropped = new Map<string, string>();
let senders: Sender[] = [];

function open(target: ConnectTarget, user: UserSpec, localAddress?: string): Promise<LoadConnection> {
  return target.kind === 'cim'
    ? CimConnection.open(
        { gatewayUrl: target.gatewayUrls[user.node % target.gatewayUrls.length], carrier: target.carrier },
        user.name,
        target.password,
        recorder,
        localAddress,
      )
    : SioConnection.open(target.urls[user.node], user.node, user.userId, recorder, localAddress, user.groups);
}

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  switch (command.type) {
    case 'connect': {
      const { target, users, concurrency, localAddresses } = command;
      const busyBefore = busyAnswers.count;
      let failed = 0;
      let firstError: string | undefined;
      await mapLimit(users, concurrency, async (user, i) => {
        const address = localAddresses.length ? localAddresses[i % localAddresses.length] : undefined;
        try {
          connections.set(user.userId, await open(target, user, address));
        } catch (error) {
          failed++;
          firstError ??= (error as Error).message;
        }
      });
      const placed = [...connections.values()].map((c) => ({ userId: c.userId, server: c.server }));
      return { type: 'connect', placed, failed, busy: busyAnswers.count - busyBefore, firstError };
    }
    case 'drop':
      for (const connection of connections.values()) {
        if (connection instanceof CimConnection && connection.resumeCredential)
          dropped.set(connection.userId, connection.resumeCredential);
        connection.close();
      }
      connections.clear();
      return { type: 'drop' };
    case 'resume': {
      const { target, concurrency, localAddresses } = command;
      if (target.kind !== 'cim') throw new Error('only cim connections resume');
      const busyBefore = busyAnswers.count;
      let failed = 0;
      let firstError: string | undefined;
      await mapLimit([...dropped], concurrency, async ([userId, credential], i) => {
        const address = localAddresses.length ? localAddresses[i % localAddresses.length] : undefined;
        const door = {
          gatewayUrl: target.gatewayUrls[i % target.gatewayUrls.length],
          carrier: target.carrier,
        };
        try {
          connections.set(userId, await CimConnection.resume(door, credential, recorder, address));
        } catch (error) {
          failed++;
          firstError ??= (error as Error).message;
        }
      });
      dropped.clear();
      const placed = [...connections.values()].map((c) => ({ userId: c.userId, server: c.server }));
      return { type: 'resume', placed, failed, busy: busyAnswers.count - busyBefore, firstError };
    }
    case 'start':
      senders = command.senders.map((spec) => {
        const connection = connections.get(spec.userId);
        if (!connection) throw new Error(`sender ${spec.userId} is not connected here`);
        return new Sender(connection, spec, command.bodyBytes, recorder);
      });
      senders.forEach((s) => s.start());
      return { type: 'start' };
    case 'mark':
      recorder.mark();
      return { type: 'mark' };
    case 'progress':
      return { type: 'progress', report: recorder.progress() };
    case 'stop':
      senders.forEach((s) => s.stop());
      return { type: 'stop', report: recorder.report() };
    case 'close':
      senders.forEach((s) => s.stop());
      connections.forEach((c) => c.close());
      connections.clear();
      return { type: 'close' };
  }
}

process.on('message', (command: WorkerCommand) => {
  handle(command).then(
    (reply) => process.send!(reply),
    (error: Error) => process.send!({ type: 'error', message: error.message } satisfies WorkerReply),
  );
});
process.on('disconnect', () => process.exit(0));
