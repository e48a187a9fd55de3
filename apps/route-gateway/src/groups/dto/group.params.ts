import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { GROUP_ID_PATTERN, USER_ID_FORM, USER_ID_PATTERN } from '@cim/session-store';

export class GroupParams {
  @ApiProperty({ description: 'The group.', example: '1' })
  @Matches(GROUP_ID_PATTERN, { message: 'groupId must be a decimal group id such as 1' })
  groupId: string;
}

export class MemberParams extends GroupParams {
  @ApiProperty({ description: 'The member.', example: '10002' })
  @Matches(USER_ID_PATTERN, { message: `userId must be ${USER_ID_FORM}` })
  userId: string;
}
