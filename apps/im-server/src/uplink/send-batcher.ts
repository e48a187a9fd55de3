import { Injectable } from '@nestjs/common';
import { ErrorCode, SendReply, SendRequest } from '@cim/protocol';
import { GatewayClient } from '../gateway/gateway-client';
import { ClientFrameError } from '../transport/client-frame.error';
import { StoreEpochWatcher } from '../store-epoch/store-epoch.watcher';

/** Refusals that a session store reset causes: the store's epoch is looked at at once. */
const HINTS_OF_A_RESET = new Set(['StoreReset', 'NotLoggedIn']);

interface Pending {
  request: SendRequest;
  resolve: (reply: SendReply) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the SEND frames of one tick, from every connection, into one call to the route-gateway;
 * each answer or failure goes back to its own frame.
 */
@Injectable()
export class SendBatcher {
  private pending: Pending[] = [];

  constructor(
    private readonly gateway: GatewayClient,
    private readonly storeEpoch: StoreEpochWatcher,
  ) {}

  send(request: SendRequest): Promise<SendReply> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ request, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const { results } = await this.gateway.sendBatch({ requests: batch.map((p) => p.request) });
      batch.forEach((pending, i) => {
        const result = results[i];
        if (result && 'reply' in result) pending.resolve(result.reply);
        else if (result) {
          if (HINTS_OF_A_RESET.has(result.failure.code)) this.storeEpoch.checkSoon();
          pending.reject(toError(result.failure.code, result.failure.message));
        } else
          pending.reject(new ClientFrameError(ErrorCode.Internal, 'the route-gateway answered no result'));
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}

function toError(code: string, message: string): ClientFrameError {
  const known = ErrorCode[code as keyof typeof ErrorCode];
  return new ClientFrameError(known ?? ErrorCode.Internal, message);
}
