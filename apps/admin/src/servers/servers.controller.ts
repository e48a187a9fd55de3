import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OperatorsOnly } from '../auth/auth.decorators';
import { ApiError, STORE_DOWN } from '../errors/api-error.decorator';
import { CountersResponse } from './dto/counters.response';
import { ImServerView } from './dto/im-server.response';
import { ServersService } from './servers.service';

@ApiTags('servers')
@Controller('admin')
@OperatorsOnly()
@ApiError(503, STORE_DOWN)
export class ServersController {
  constructor(private readonly servers: ServersService) {}

  @Get('servers')
  @ApiOperation({ summary: 'The im-servers registered in ZooKeeper, with connections and uptime' })
  @ApiResponse({ status: 200, type: [ImServerView], description: 'Sorted by id; unreachable ones included.' })
  list(): Promise<ImServerView[]> {
    return this.servers.list();
  }

  @Get('counters')
  @ApiOperation({ summary: 'Message counters per im-server (im.stats)' })
  @ApiResponse({ status: 200, type: CountersResponse })
  counters(): Promise<CountersResponse> {
    return this.servers.counters();
  }
}
