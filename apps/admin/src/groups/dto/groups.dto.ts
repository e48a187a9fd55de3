import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { GROUP_ID_PATTERN, GroupRole } from '@cim/session-store';

export class GroupIdParams {
  @ApiProperty({ example: '1' })
  @Matches(GROUP_ID_PATTERN, { message: 'groupId must be a decimal group id such as 1' })
  groupId: string;
}

export class GroupsQuery {
  @ApiPropertyOptional({ description: "'0' to start, then the cursor of the last page.", default: '0' })
  @IsOptional()
  @Matches(/^(0|[1-9][0-9]{0,18})$/, { message: 'cursor must be 0 or a group id' })
  cursor: string = '0';

  @ApiPropertyOptional({ description: 'Groups per page.', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  count: number = 100;
}

export class GroupSummary {
  @ApiProperty({ example: '1' })
  id: string;

  @ApiProperty({ example: 'hiking club' })
  name: string;

  @ApiProperty({ example: '10001' })
  ownerId: string;

  @ApiProperty({ example: 1767225600000 })
  createdAt: number;

  @ApiProperty({ example: 3 })
  memberCount: number;
}

export class GroupsPage {
  @ApiProperty({ description: "'0' when the listing is complete.", example: '0' })
  cursor: string;

  @ApiProperty({ type: [GroupSummary], description: 'By ascending id.' })
  groups: GroupSummary[];
}

export class GroupMemberState {
  @ApiProperty({ example: '10002' })
  userId: string;

  @ApiProperty({ enum: ['owner', 'admin', 'member'], example: 'member' })
  role: GroupRole;

  @ApiPropertyOptional({
    description: 'The im-server the member is connected to; absent when offline.',
    example: 'im-1',
  })
  serverId?: string;
}

export class GroupDetails extends GroupSummary {
  @ApiProperty({ type: [GroupMemberState], description: 'Every member, the owner first.' })
  members: GroupMemberState[];

  @ApiProperty({ description: 'Members online now.', example: 1 })
  online: number;
}
