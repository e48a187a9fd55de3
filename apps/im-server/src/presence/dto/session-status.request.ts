import { IsNotEmpty, IsString } from 'class-validator';

/** im.session.status: whether this login session is connected here. */
export class SessionStatusRequestDto {
  @IsString()
  @IsNotEmpty()
  userId: string;

  @IsString()
  @IsNotEmpty()
  sessionId: string;
}
