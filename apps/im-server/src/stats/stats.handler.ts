import { Controller } from '@nestjs/common';
import { MessagePattern, Transport } from '@nestjs/microservices';
import { ImServerPatterns, ImServerStats } from '@cim/protocol';
import { ServerStats } from './server-stats';

/** im.stats: the admin app's view of this server's counters. */
@Controller()
export class StatsHandler {
  constructor(private readonly stats: ServerStats) {}

  @MessagePattern(ImServerPatterns.Stats, Transport.TCP)
  snapshot(): ImServerStats {
    return this.stats.snapshot();
  }
}
