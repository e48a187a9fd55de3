import { Body, Controller, HttpCode, HttpStatus, Ip, Post, UseInterceptors } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { TokenClaims } from '@cim/auth';
import { AuthClaims, Authenticated } from '../auth/auth-claims.decorator';
import { LoginAdmission } from '../admission/login-admission';
import { ApiError, BUSY, ONLINE_ALREADY, STORE_DOWN, TOO_LARGE } from '../errors/api-error.decorator';
import { LoginRequest } from './dto/login.request';
import { LoginResponse } from './dto/login.response';
import { LoginService } from './login.service';

@ApiTags('login')
@Controller()
export class LoginController {
  constructor(private readonly login: LoginService) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiResponse({
    status: 200,
    description: 'Logged in: connect to `server`, send LOGIN with `token`.',
    type: LoginResponse,
  })
  @ApiError(400, 'A field is missing or invalid; each is named.')
  @ApiError(401, 'Wrong user name, user id or password (the same answer for each).')
  @ApiError(409, ONLINE_ALREADY)
  @ApiError(413, TOO_LARGE)
  @ApiError(
    429,
    'Too many failed logins for this user or from this address: refused, even with the right password, ' +
      'until the time in the Retry-After header (seconds) has passed.',
  )
  @ApiError(503, `No im-server is available. Or: ${STORE_DOWN} Or: ${BUSY}`)
  @UseInterceptors(LoginAdmission)
  logIn(@Body() credentials: LoginRequest, @Ip() address: string): Promise<LoginResponse> {
    return this.login.login(credentials, address);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiResponse({ status: 204, description: 'Logged out: the user is offline and their connection closed.' })
  logOut(@AuthClaims() claims: TokenClaims): Promise<void> {
    return this.login.logout(claims);
  }
}
