import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock, TokenSigner } from '@cim/auth';
import { DEFAULT_DEVICE_ID, DEFAULT_DEVICE_KIND, Device } from '@cim/session-store';
import { CLOCK } from '../clock/clock.module';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayError } from '../errors/gateway-error';
import { ServerDirectory } from '../servers/server-directory';
import { Carrier } from './dto/login.request';
import { LoginResponse, ResumeCredential } from './dto/login.response';
import { OnlineClaim } from './online-claim';

/**
 * What a password login and a resume both end with: an im-server picked among the live ones, the new
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
  ) {}

  async open(
    user: { id: string; name: string },
    resume: ResumeCredential,
    carrier: Carrier = 'tcp',
    device: Device = { id: DEFAULT_DEVICE_ID, kind: DEFAULT_DEVICE_KIND },
  ): Promise<LoginResponse> {
    const server = this.directory.pick(user.id);
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
