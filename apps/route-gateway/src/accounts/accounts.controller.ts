import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError, STORE_DOWN, TOO_LARGE } from '../errors/api-error.decorator';
import { AccountsService } from './accounts.service';
import { RegisterRequest } from './dto/register.request';
import { UserCreatedResponse } from './dto/user-created.response';

@ApiTags('accounts')
@Controller('users')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiResponse({ status: 201, description: 'The user was created.', type: UserCreatedResponse })
  @ApiError(400, 'A field is missing or invalid; each is named.')
  @ApiError(409, 'The name is taken.')
  @ApiError(413, TOO_LARGE)
  @ApiError(503, STORE_DOWN)
  register(@Body() request: RegisterRequest): Promise<UserCreatedResponse> {
    return this.accounts.register(request.name, request.password);
  }
}
