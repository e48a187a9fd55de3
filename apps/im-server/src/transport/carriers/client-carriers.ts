import { Logger } from '@nestjs/common';
import { ImServerEnv } from '../../config/im-server.env';
import { TcpCarrier } from './tcp-carrier';
import { TlsFiles } from './tls-files';
import { WsCarrier } from './ws-carrier';

export interface ClientCarriers {
  tcp: TcpCarrier;
  websocket: WsCarrier;
  /** Whether both speak TLS (CIM_IM_TLS_CERT_FILE and CIM_IM_TLS_KEY_FILE set). */
  tls: boolean;
}

/** The client port (TCP) and the WebSocket port as the environment configures them, with or without TLS. */
export function clientCarriers(
  env: ImServerEnv,
  onRefused: (cause: 'origin_refused' | 'url_refused') => void,
): ClientCarriers {
  const logger = new Logger('ClientCarriers');
  const tls: TlsFiles | undefined = env.CIM_IM_TLS_CERT_FILE
    ? {
        certFile: env.CIM_IM_TLS_CERT_FILE,
        keyFile: env.CIM_IM_TLS_KEY_FILE,
        reloadIntervalMs: env.CIM_IM_TLS_RELOAD_INTERVAL_MS,
      }
    : undefined;
  const onTlsReload = (outcome: { reloaded: true } | { reloaded: false; error: Error }) =>
    outcome.reloaded
      ? logger.log(`TLS certificate reloaded from ${tls?.certFile}`)
      : logger.warn(`TLS certificate not reloaded, the running one stays: ${outcome.error.message}`);
  const tcp = new TcpCarrier({
    host: env.CIM_IM_CLIENT_HOST,
    port: env.CIM_IM_CLIENT_PORT,
    maxFrameBytes: env.CIM_MAX_FRAME_BYTES,
    tls,
    onTlsReload,
  });
  const websocket = new WsCarrier({
    host: env.CIM_IM_WS_HOST,
    port: env.CIM_IM_WS_PORT,
    maxFrameBytes: env.CIM_MAX_FRAME_BYTES,
    allowedOrigins: env.CIM_IM_WS_ORIGINS.split(',').filter(Boolean),
    handshakeTimeoutMs: env.CIM_LOGIN_TIMEOUT_MS,
    tls,
    onTlsReload,
    onRefused: (cause) => onRefused(cause === 'origin' ? 'origin_refused' : 'url_refused'),
  });
  return { tcp, websocket, tls: !!tls };
}

/** The URL WebSocket clients are told: CIM_IM_WS_ADVERTISED_URL, else built from the advertised host. */
export function advertisedWsUrl(env: ImServerEnv, port: number, tls: boolean): string {
  if (env.CIM_IM_WS_ADVERTISED_URL) return env.CIM_IM_WS_ADVERTISED_URL;
  const host = env.CIM_IM_ADVERTISED_HOST.includes(':')
    ? `[${env.CIM_IM_ADVERTISED_HOST}]`
    : env.CIM_IM_ADVERTISED_HOST;
  return `${tls ? 'wss' : 'ws'}://${host}:${port}/`;
}
