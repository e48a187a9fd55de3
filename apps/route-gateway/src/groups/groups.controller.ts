import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { TokenClaims } from '@cim/auth';
import { AuthClaims, Authenticated } from '../auth/auth-claims.decorator';
import { ApiError, TOO_LARGE } from '../errors/api-error.decorator';
import {
  AddMembersRequest,
  CreateGroupRequest,
  RenameGroupRequest,
  SetRoleRequest,
} from './dto/group.requests';
import { GroupParams, MemberParams } from './dto/group.params';
import { GroupDetailsResponse, MembersAddedResponse, MyGroupsResponse } from './dto/group.responses';
import { GroupsService } from './groups.service';

const NO_GROUP = 'The group does not exist (never, or dismissed).';
const NOT_ALLOWED =
  "The caller is not a member, or their role does not allow it (docs/http-api.md, 'Groups').";

@ApiTags('groups')
@Controller('groups')
@Authenticated()
@ApiError(400, 'A field or a path parameter is invalid.')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @ApiResponse({ status: 201, description: 'Created; the caller is its owner.', type: GroupDetailsResponse })
  @ApiError(404, 'A member id names no registered user.')
  @ApiError(409, 'More members than CIM_GROUP_MAX_MEMBERS.')
  @ApiError(413, TOO_LARGE)
  create(@AuthClaims() claims: TokenClaims, @Body() body: CreateGroupRequest): Promise<GroupDetailsResponse> {
    return this.groups.create(claims.sub, body.name, body.memberIds);
  }

  @Get()
  @ApiResponse({ status: 200, description: "The caller's groups.", type: MyGroupsResponse })
  mine(@AuthClaims() claims: TokenClaims): Promise<MyGroupsResponse> {
    return this.groups.mine(claims.sub);
  }

  @Get(':groupId')
  @ApiResponse({ status: 200, description: 'The group and its members.', type: GroupDetailsResponse })
  @ApiError(403, NOT_ALLOWED)
  @ApiError(404, NO_GROUP)
  get(@AuthClaims() claims: TokenClaims, @Param() params: GroupParams): Promise<GroupDetailsResponse> {
    return this.groups.get(claims.sub, params.groupId);
  }

  @Patch(':groupId')
  @ApiResponse({ status: 200, description: 'Renamed.', type: GroupDetailsResponse })
  @ApiError(403, NOT_ALLOWED)
  @ApiError(404, NO_GROUP)
  @ApiError(413, TOO_LARGE)
  rename(
    @AuthClaims() claims: TokenClaims,
    @Param() params: GroupParams,
    @Body() body: RenameGroupRequest,
  ): Promise<GroupDetailsResponse> {
    return this.groups.rename(claims.sub, params.groupId, body.name);
  }

  @Delete(':groupId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiResponse({ status: 204, description: 'Dismissed: the group and its memberships are gone.' })
  @ApiError(403, NOT_ALLOWED)
  @ApiError(404, NO_GROUP)
  dismiss(@AuthClaims() claims: TokenClaims, @Param() params: GroupParams): Promise<void> {
    return this.groups.dismiss(claims.sub, params.groupId);
  }

  @Post(':groupId/members')
  @ApiResponse({ status: 201, description: 'Added (as members).', type: MembersAddedResponse })
  @ApiError(403, NOT_ALLOWED)
  @ApiError(404, 'The group does not exist, or an id names no registered user.')
  @ApiError(409, 'The group would have more than CIM_GROUP_MAX_MEMBERS members; nobody was added.')
  @ApiError(413, TOO_LARGE)
  addMembers(
    @AuthClaims() claims: TokenClaims,
    @Param() params: GroupParams,
    @Body() body: AddMembersRequest,
  ): Promise<MembersAddedResponse> {
    return this.groups.addMembers(claims.sub, params.groupId, body.userIds);
  }

  @Delete(':groupId/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiResponse({ status: 204, description: 'Removed (the caller themself: they left).' })
  @ApiError(403, NOT_ALLOWED)
  @ApiError(404, 'The group does not exist, or the user is not a member.')
  @ApiError(409, 'The owner cannot leave: they dismiss the group instead.')
  removeMember(@AuthClaims() claims: TokenClaims, @Param() params: MemberParams): Promise<void> {
    return this.groups.removeMember(claims.sub, params.groupId, params.userId);
  }

  @Put(':groupId/members/:userId/role')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiResponse({ status: 204, description: 'The role is set.' })
  @ApiError(403, NOT_ALLOWED)
  @ApiError(404, 'The group does not exist, or the user is not a member.')
  @ApiError(413, TOO_LARGE)
  setRole(
    @AuthClaims() claims: TokenClaims,
    @Param() params: MemberParams,
    @Body() body: SetRoleRequest,
  ): Promise<void> {
    return this.groups.setRole(claims.sub, params.groupId, params.userId, body.role);
  }

  @Post(':groupId/leave')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiResponse({ status: 204, description: 'The caller is no longer a member.' })
  @ApiError(403, NOT_ALLOWED)
  @ApiError(404, NO_GROUP)
  @ApiError(409, 'The owner cannot leave: they dismiss the group instead.')
  leave(@AuthClaims() claims: TokenClaims, @Param() params: GroupParams): Promise<void> {
    return this.groups.leave(claims.sub, params.groupId);
  }
}
