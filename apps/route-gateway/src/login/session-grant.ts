import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock, TokenSigner } from '@cim/auth';
import { CLOCK } from '../clock/clock.module';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayError } from '../errors/gateway-error';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ServerDirectory } from '../servers/server-directory';
import { deviceOf } from './dto/device.request';
import { Carrier } from './dto/login.request';
import { PlacementRequest } from './dto/placement.request';
import { LoginResponse, ResumeCredential } from './dto/login.response';
import { OnlineClaim } from './online-claim';

/** What a login or resume asks for besides the user: carrier, device, and a server to keep away from. */
export type SessionRequest = PlacementRequest & { carrier?: Carrier };

/**
 * What a password login and a resume both end with: an im-server picked among the live ones (not the
 * one that answered the client busy, when another is live; that one is reported busy and counted), the new
 * session made the online one of the user's device, and a token for it (bound to that device),
 * answered with the resume credential.
 */
@Injectable()
export class SessionGrant {
  constructor(
    private readonly directory: ServerDirectory,
    private readonly online: OnlineClaim,
    private readonly signer: TokenSigner,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly env: GatewayEnv,
    private readonly metrics: GatewayMetrics,
  ) {}

  async open(
    user: { id: string; name: string },
    resume: ResumeCredential,
    request: SessionRequest,
  ): Promise<LoginResponse> {
    const { carrier = 'tcp', avoid } = request;
    const device = deviceOf(request);
    if (avoid && this.directory.reportedBusy(avoid)) this.metrics.busyReported(avoid);
    const server = this.directory.pick(user.id, avoid);
    if (!server) throw new GatewayError('Unavailable', 'no im-server available');
    if (carrier === 'websocket' && !server.wsUrl)
      throw new GatewayError('Unavailable', `im-server ${server.id} offers no WebSocket carrier`);
    const sessionId = randomBytes(16).toString('base64url');
    await this.online.claim(
      {
        userId: user.id,
        deviceId: device.id,
        deviceKind: device.kind,
        serverId: server.id,
        sessionId,
        since: this.clock(),
        incarnation: server.incarnation,
      },
      user.name,
    );
    const { token, expiresAt } = this.signer.sign(
      { sub: user.id, name: user.name, srv: server.id, sid: sessionId, dev: device.id, dk: device.kind },
      this.env.CIM_TOKEN_TTL_MS,
    );
    return {
      userId: user.id,
      name: user.name,
      token,
      expiresAt,
      server: {
        id: server.id,
        host: server.host,
        port: server.clientPort,
        tls: server.tls ?? false,
        carrier,
        ...(carrier === 'websocket' ? { url: server.wsUrl } : {}),
      },
      resume,
      device: { ...device },
    };
  }
}
