import { Injectable } from '@nestjs/common';

/** Counters this server reports to the admin app and to /metrics. */
@Injectable()
export class ServerStats {
  readonly startedAt = Date.now();
  messagesIn = 0;
  messagesOut = 0;
  logins = 0;
}
