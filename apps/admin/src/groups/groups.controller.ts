import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OperatorsOnly } from '../auth/auth.decorators';
import { ApiError, STORE_DOWN } from '../errors/api-error.decorator';
import { GroupDetails, GroupIdParams, GroupsPage, GroupsQuery } from './dto/groups.dto';
import { GroupsService } from './groups.service';

@ApiTags('groups')
@Controller('admin/groups')
@OperatorsOnly()
@ApiError(503, STORE_DOWN)
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @ApiOperation({ summary: 'Every group with membership, a page at a time (cursor)' })
  @ApiResponse({ status: 200, type: GroupsPage })
  @ApiError(400, 'cursor or count is invalid.')
  list(@Query() query: GroupsQuery): Promise<GroupsPage> {
    return this.groups.list(query.cursor, query.count);
  }

  @Get(':groupId')
  @ApiOperation({ summary: 'One group: its members, their roles, and the im-server of each one online' })
  @ApiResponse({ status: 200, type: GroupDetails })
  @ApiError(400, 'groupId is malformed.')
  @ApiError(404, 'No group has this id (never, or dismissed).')
  inspect(@Param() { groupId }: GroupIdParams): Promise<GroupDetails> {
    return this.groups.inspect(groupId);
  }
}
