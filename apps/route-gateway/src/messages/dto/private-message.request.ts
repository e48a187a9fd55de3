import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { USER_ID_FORM, USER_ID_PATTERN } from '@cim/session-store';
import { GroupMessageRequest } from './group-message.request';

export class PrivateMessageRequest extends GroupMessageRequest {
  @ApiProperty({ description: 'The receiving user.', example: '10002' })
  @Matches(USER_ID_PATTERN, { message: `$property must be ${USER_ID_FORM}` })
  receiverId: string;
}
