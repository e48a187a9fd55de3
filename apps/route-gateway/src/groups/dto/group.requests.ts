import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { USER_ID_FORM, USER_ID_PATTERN } from '@cim/session-store';

/** Larger lists are refused before the member limit is looked at. */
const MAX_IDS_PER_REQUEST = 100_000;
const NAME = { description: '1 to 64 characters.', example: 'hiking club', minLength: 1, maxLength: 64 };

export class CreateGroupRequest {
  @ApiProperty(NAME)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name: string;

  @ApiProperty({
    description: 'Members besides the creator, who becomes the owner; every one a registered user.',
    example: ['10002', '10003'],
    type: [String],
  })
  @IsArray()
  @ArrayMaxSize(MAX_IDS_PER_REQUEST)
  @Matches(USER_ID_PATTERN, { each: true, message: `each of $property must be ${USER_ID_FORM}` })
  memberIds: string[];
}

export class AddMembersRequest {
  @ApiProperty({ description: 'Registered users to add.', example: ['10004'], type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDS_PER_REQUEST)
  @Matches(USER_ID_PATTERN, { each: true, message: `each of $property must be ${USER_ID_FORM}` })
  userIds: string[];
}

export class RenameGroupRequest {
  @ApiProperty(NAME)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name: string;
}

export class SetRoleRequest {
  @ApiProperty({ description: 'The new role.', enum: ['admin', 'member'], example: 'admin' })
  @IsIn(['admin', 'member'])
  role: 'admin' | 'member';
}
