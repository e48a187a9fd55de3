import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OperatorsOnly } from '../auth/auth.decorators';
import { ApiError, STORE_DOWN } from '../errors/api-error.decorator';
import { BroadcastService } from './broadcast.service';
import { BroadcastRequest } from './dto/broadcast.request';
import { BroadcastResponse } from './dto/broadcast.response';

@ApiTags('broadcast')
@Controller('admin/broadcast')
@OperatorsOnly()
export class BroadcastController {
  constructor(private readonly broadcasts: BroadcastService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'A system message to everyone online' })
  @ApiResponse({ status: 200, type: BroadcastResponse, description: 'Handed to every registered im-server.' })
  @ApiError(400, 'body is missing, empty or longer than CIM_MAX_BODY_BYTES; or sender is invalid.')
  @ApiError(503, STORE_DOWN)
  broadcast(@Body() request: BroadcastRequest): Promise<BroadcastResponse> {
    return this.broadcasts.broadcast(request.body, request.sender);
  }
}
