import { hostname } from 'node:os';
import { IsInt, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { SecurityEnv } from '@cim/config';
import { SERVER_ID_FORM, SERVER_ID_PATTERN } from '@cim/registry';

/** The im-server's variables; docs/configuration.md lists them all with their defaults. */
export class ImServerEnv extends SecurityEnv {
  /** Unique among live im-servers: in Kubernetes, the pod name. */
  @Matches(SERVER_ID_PATTERN, { message: SERVER_ID_FORM })
  CIM_SERVER_ID = hostname();

  /** The host clients are told to connect to; configured, never guessed from the interfaces. */
  @IsString()
  @MinLength(1)
  CIM_IM_ADVERTISED_HOST = '127.0.0.1';

  @IsString()
  CIM_IM_CLIENT_HOST = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_IM_CLIENT_PORT = 9000;

  /**
   * The port clients are told to connect to, when something between them and this server (a per-pod
   * load balancer, a NodePort) forwards another port to CIM_IM_CLIENT_PORT; 0: the port it listens on.
   */
  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_IM_ADVERTISED_PORT = 0;

  @IsString()
  CIM_IM_WS_HOST = '0.0.0.0';

  /** The WebSocket carrier: the same frames as the client port, one per binary message. */
  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_IM_WS_PORT = 9003;

  /** The URL WebSocket clients are told to use; empty: ws(s)://CIM_IM_ADVERTISED_HOST:<ws port>/. */
  @ValidateIf((env: ImServerEnv) => env.CIM_IM_WS_ADVERTISED_URL !== '')
  @Matches(/^wss?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, { message: 'a ws:// or wss:// URL without query' })
  CIM_IM_WS_ADVERTISED_URL = '';

  /** Browser origins (comma-separated, exact) allowed on the WebSocket port; '*' allows any. */
  @Matches(/^(\*|(https?:\/\/[^,\s/]+)(,https?:\/\/[^,\s/]+)*)?$/, {
    message: "comma-separated origins like https://chat.example.com, or '*'",
  })
  CIM_IM_WS_ORIGINS = '';

  /** TLS on the client port and the WebSocket port: the certificate chain (PEM), with the key below. */
  @ValidateIf((env: ImServerEnv) => env.CIM_IM_TLS_CERT_FILE !== '' || env.CIM_IM_TLS_KEY_FILE !== '')
  @MinLength(1, { message: 'must be set with CIM_IM_TLS_KEY_FILE (both or neither)' })
  CIM_IM_TLS_CERT_FILE = '';

  @ValidateIf((env: ImServerEnv) => env.CIM_IM_TLS_CERT_FILE !== '' || env.CIM_IM_TLS_KEY_FILE !== '')
  @MinLength(1, { message: 'must be set with CIM_IM_TLS_CERT_FILE (both or neither)' })
  CIM_IM_TLS_KEY_FILE = '';

  /** How often the certificate files are checked; a change is served without a restart. */
  @IsInt()
  @Min(100)
  CIM_IM_TLS_RELOAD_INTERVAL_MS = 10000;

  /** The host the route-gateway and admin reach this server's TCP transport at. */
  @IsString()
  @MinLength(1)
  CIM_IM_RPC_ADVERTISED_HOST = '127.0.0.1';

  @IsString()
  CIM_IM_RPC_HOST = '0.0.0.0';

  @IsInt()
  @Min(1)
  @Max(65535)
  CIM_IM_RPC_PORT = 9001;

  @IsString()
  CIM_IM_HTTP_HOST = '0.0.0.0';

  /** Health and metrics. */
  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_IM_HTTP_PORT = 9002;

  @IsInt()
  @Min(1000)
  CIM_IDLE_TIMEOUT_MS = 30000;

  /** Told to clients in LOGIN_ACK: ping after this long without sending. */
  @IsInt()
  @Min(500)
  CIM_HEARTBEAT_INTERVAL_MS = 10000;

  @IsInt()
  @Min(256)
  @Max(16 * 1024 * 1024)
  CIM_MAX_FRAME_BYTES = 65536;

  /** A frame must be whole this long after its first byte arrived. */
  @IsInt()
  @Min(1000)
  CIM_FRAME_TIMEOUT_MS = 10000;

  /** A connection must have sent LOGIN and had it accepted this long after connecting. */
  @IsInt()
  @Min(1000)
  CIM_LOGIN_TIMEOUT_MS = 10000;

  /**
   * Session confirmations with the route-gateways (one per LOGIN) under way at once; the next LOGINs
   * wait their turn.
   */
  @IsInt()
  @Min(1)
  CIM_MAX_SESSION_CONFIRMATIONS = 16;

  /**
   * How long a LOGIN waits for its turn before it is answered UNAVAILABLE (busy). Keep it, plus the
   * gateway call's 5 s, below CIM_LOGIN_TIMEOUT_MS and the clients' LOGIN timeout (the SDK's 10 s).
   */
  @IsInt()
  @Min(0)
  @Max(60_000)
  CIM_SESSION_CONFIRMATION_WAIT_MS = 3000;

  /** The retry_after_ms of that busy answer: the SDK waits it, and more the more often it was refused. */
  @IsInt()
  @Min(100)
  @Max(600_000)
  CIM_LOGIN_BUSY_RETRY_AFTER_MS = 3000;

  /**
   * Bytes written to a client and not yet taken by it, past which it gets RECONNECT and is closed. Keep
   * it above the largest login handover (CIM_INBOX_CAP messages of up to CIM_MAX_BODY_BYTES).
   */
  @IsInt()
  @Min(64 * 1024)
  @Max(1024 * 1024 * 1024)
  CIM_MAX_OUTBOUND_BYTES = 8 * 1024 * 1024;

  /** The drain window: a stopping server moves its clients over it, then waits for the rest to leave. */
  @IsInt()
  @Min(0)
  CIM_DRAIN_TIMEOUT_MS = 10000;

  /**
   * Clients a stopping server tells RECONNECT per second; raised when that would not reach every client
   * within 80 % of the drain window.
   */
  @IsInt()
  @Min(1)
  CIM_DRAIN_RATE = 500;

  /**
   * The lease of this run in the session store, renewed every third of it: a run that has not renewed
   * for this long is taken for dead and its users go offline.
   */
  @IsInt()
  @Min(1000)
  @Max(600_000)
  CIM_SERVER_LEASE_MS = 10000;
}
