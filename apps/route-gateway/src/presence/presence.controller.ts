import { Controller, Get, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { OnlineUsersQuery } from '@cim/http-api';
import { Authenticated } from '../auth/auth-claims.decorator';
import { ApiError } from '../errors/api-error.decorator';
import { OnlineUsersPage } from './dto/online-users.response';
import { PresenceService } from './presence.service';

@ApiTags('presence')
@Controller('online-users')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Get()
  @Authenticated()
  @ApiResponse({ status: 200, description: 'A page of online users.', type: OnlineUsersPage })
  @ApiError(400, 'cursor or count is invalid.')
  list(@Query() query: OnlineUsersQuery): Promise<OnlineUsersPage> {
    return this.presence.onlineUsers(query.cursor, query.count);
  }
}
