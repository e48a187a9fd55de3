import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OperatorsOnly } from '../auth/auth.decorators';
import { ApiError, STORE_DOWN } from '../errors/api-error.decorator';
import { LiveSnapshot } from './dto/live-snapshot.response';
import { Asset, LIVE_PAGE_CSP, loadLiveAssets } from './live-assets';
import { LiveService } from './live.service';

/**
 * The live page for operators: GET /api/admin/live serves a page (no data in it) that asks for the
 * operators' key and polls /api/admin/live/snapshot with it in x-api-key.
 */
@ApiTags('live')
@Controller('admin/live')
export class LiveController {
  private readonly assets: Map<string, Asset> = loadLiveAssets();

  constructor(private readonly live: LiveService) {}

  @Get()
  @ApiExcludeEndpoint()
  @Header('Content-Security-Policy', LIVE_PAGE_CSP)
  page(@Res({ passthrough: true }) reply: FastifyReply): string {
    return this.send(reply, 'index.html');
  }

  @Get('assets/:file')
  @ApiExcludeEndpoint()
  @Header('Content-Security-Policy', LIVE_PAGE_CSP)
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    return this.send(reply, file);
  }

  @Get('snapshot')
  @OperatorsOnly()
  @ApiError(503, STORE_DOWN)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "What the live page shows: each im-server's connections, rates and round trip" })
  @ApiResponse({ status: 200, type: LiveSnapshot })
  snapshot(): Promise<LiveSnapshot> {
    return this.live.snapshot();
  }

  private send(reply: FastifyReply, file: string): string {
    const asset = this.assets.get(file);
    if (!asset) throw new NotFoundException(`no live page file ${file}`);
    reply.type(asset.type);
    return asset.body;
  }
}
