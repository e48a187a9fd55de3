import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OnlineUsersQuery } from '@cim/http-api';
import { OperatorsOnly } from '../auth/auth.decorators';
import { ApiError, STORE_DOWN, UNKNOWN_USER } from '../errors/api-error.decorator';
import { KickRequest } from './dto/kick.request';
import { KickResponse } from './dto/kick.response';
import { OnlineCount, OnlineUsersPage } from './dto/online-users.response';
import { UserIdParams } from './dto/user-id.params';
import { UserState } from './dto/user-state.response';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('admin/users')
@OperatorsOnly()
@ApiError(503, STORE_DOWN)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('online/count')
  @ApiOperation({ summary: 'How many users are online' })
  @ApiResponse({ status: 200, type: OnlineCount })
  async count(): Promise<OnlineCount> {
    return { count: await this.users.countOnline() };
  }

  @Get('online')
  @ApiOperation({ summary: 'The online users, a page at a time (cursor)' })
  @ApiResponse({ status: 200, type: OnlineUsersPage })
  @ApiError(400, 'cursor or count is invalid.')
  online(@Query() query: OnlineUsersQuery): Promise<OnlineUsersPage> {
    return this.users.onlineUsers(query.cursor, query.count);
  }

  @Get(':userId')
  @ApiOperation({ summary: "One user's state: online, on which devices and where, since when, inbox size" })
  @ApiResponse({ status: 200, type: UserState })
  @ApiError(400, 'userId is malformed.')
  @ApiError(404, UNKNOWN_USER)
  state(@Param() { userId }: UserIdParams): Promise<UserState> {
    return this.users.state(userId);
  }

  @Post(':userId/kick')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "Close the connection of one of the user's devices, or of all (KICKED), take them offline and revoke the user's resume credentials",
    description:
      "Answers once the devices kicked are offline: each login's route is gone, released by its im-server as the connection closes, or by the admin when the server did not do so within CIM_RPC_TIMEOUT_MS. A later login is a new session. Revoking the resume credentials means no device of the user's comes back without the password; devices not kicked stay connected.",
  })
  @ApiResponse({ status: 200, type: KickResponse, description: 'The devices kicked are offline now.' })
  @ApiError(400, 'userId, reason or deviceId is malformed.')
  @ApiError(404, UNKNOWN_USER)
  @ApiError(409, 'The user (or the device named) is not online.')
  kick(@Param() { userId }: UserIdParams, @Body() request: KickRequest): Promise<KickResponse> {
    return this.users.kick(userId, request.reason, request.deviceId);
  }
}
