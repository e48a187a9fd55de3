import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { BackendsOnly } from '../auth/auth.decorators';
import { ApiError, STORE_DOWN } from '../errors/api-error.decorator';
import { PushRequest } from './dto/push.request';
import { PushResponse } from './dto/push.response';
import { PushService } from './push.service';

@ApiTags('push')
@Controller('push')
@BackendsOnly()
export class PushController {
  constructor(private readonly pushes: PushService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Push a system message to users (app backends)',
    description:
      'Online receivers get it at once, offline ones at their next login (from their inbox, within ' +
      'CIM_INBOX_CAP and CIM_INBOX_TTL_MS). With all: true it goes to everyone online now and is kept ' +
      "for nobody; with groupId it goes to the group's members online now and is kept for nobody. Unknown user ids are listed in `unknown` and skipped.",
  })
  @ApiResponse({ status: 200, type: PushResponse })
  @ApiError(400, 'Not exactly one of userIds, all and groupId; a field is invalid; the body is too long.')
  @ApiError(404, 'groupId names no group.')
  @ApiError(503, STORE_DOWN)
  push(@Body() request: PushRequest): Promise<PushResponse> {
    return this.pushes.push(request);
  }
}
