import { Body, Controller, HttpCode, HttpStatus, Ip, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { LoginAdmission } from '../admission/login-admission';
import { ApiError, BUSY, ONLINE_ALREADY, STORE_DOWN, TOO_LARGE } from '../errors/api-error.decorator';
import { LoginResponse } from '../login/dto/login.response';
import { ResumeRequest } from './dto/resume.request';
import { ResumeService } from './resume.service';

@ApiTags('login')
@Controller()
export class ResumeController {
  constructor(private readonly resumes: ResumeService) {}

  @Post('resume')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Come back without the password',
    description:
      'Trades the resume credential of an earlier login for a new session on a live im-server: no ' +
      'password hash is checked, so a reconnecting crowd costs the gateway little. Connect to `server` ' +
      'and send LOGIN with `token`, as after POST /api/login. After a LOGIN answered busy, name its ' +
      'server in `avoid`.',
  })
  @ApiResponse({ status: 200, description: 'Resumed: the same answer as a login.', type: LoginResponse })
  @ApiError(
    400,
    'The credential is missing, not a string, or longer than 4096 characters; or `avoid` is not an ' +
      'im-server id. Each is named.',
  )
  @ApiError(
    401,
    'The credential is malformed, its signature is invalid, it has expired, it has been revoked, or its ' +
      'user does not exist; the message names which. Log in with the password.',
  )
  @ApiError(409, ONLINE_ALREADY)
  @ApiError(413, TOO_LARGE)
  @ApiError(
    429,
    'Too many refused resumes from this address: refused until the time in the Retry-After header ' +
      '(seconds) has passed.',
  )
  @ApiError(503, `No im-server is available. Or: ${STORE_DOWN} Or: ${BUSY}`)
  @UseInterceptors(LoginAdmission)
  resume(@Body() request: ResumeRequest, @Ip() address: string): Promise<LoginResponse> {
    return this.resumes.resume(request, address);
  }
}
