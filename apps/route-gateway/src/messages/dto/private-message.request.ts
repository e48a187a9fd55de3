import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { GroupMessageRequest } from './group-message.request';

export class PrivateMessageRequest extends GroupMessageRequest {
  @ApiProperty({ description: 'The receiving user.', example: '10002' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  receiverId: string;
}
