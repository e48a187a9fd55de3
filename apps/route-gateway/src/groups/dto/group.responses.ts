import { ApiProperty } from '@nestjs/swagger';
import { GroupRole } from '@cim/session-store';

const ROLES = ['owner', 'admin', 'member'];

export class GroupResponse {
  @ApiProperty({ example: '1' })
  id: string;

  @ApiProperty({ example: 'hiking club' })
  name: string;

  @ApiProperty({ example: '10001' })
  ownerId: string;

  @ApiProperty({ description: 'Milliseconds since the Unix epoch.', example: 1_700_000_000_000 })
  createdAt: number;

  @ApiProperty({ example: 3 })
  memberCount: number;

  @ApiProperty({ description: "The caller's role in the group.", enum: ROLES, example: 'owner' })
  role: GroupRole;
}

export class GroupMemberResponse {
  @ApiProperty({ example: '10002' })
  userId: string;

  @ApiProperty({ enum: ROLES, example: 'member' })
  role: GroupRole;
}

export class GroupDetailsResponse extends GroupResponse {
  @ApiProperty({ type: [GroupMemberResponse], description: 'Every member, the owner first.' })
  members: GroupMemberResponse[];
}

export class MyGroupsResponse {
  @ApiProperty({ type: [GroupResponse], description: 'By ascending id.' })
  groups: GroupResponse[];
}

export class MembersAddedResponse {
  @ApiProperty({ description: 'Those who were not members before.', example: ['10004'], type: [String] })
  added: string[];
}
