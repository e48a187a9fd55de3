import { IsString, Matches } from 'class-validator';
import { HttpServerEnv } from '@cim/http-api';

/**
 * The web chat app the route-gateway serves at /app/, and who may call its API from another origin.
 * GatewayEnv extends this class: its variables are the gateway's.
 */
export class WebAppEnv extends HttpServerEnv {
  /**
   * The built web app (index.html, app.js, app.css: scripts/build.js writes dist/web). Empty: the dist/web
   * of this build, and no web app (a line in the log) when it is missing; a directory named here must hold
   * index.html (the gateway does not start otherwise).
   */
  @IsString()
  CIM_WEB_DIR = '';

  /**
   * Where the web app's page may open connections besides its own origin (the CSP's connect-src): the
   * im-servers' WebSocket URLs. `ws: wss:` allows any; name the URLs (wss://chat.example.com) in production.
   */
  @Matches(/^[^\s;,]+( [^\s;,]+)*$/, { message: "space-separated CSP sources like 'wss://im.example.com'" })
  CIM_WEB_CONNECT_SRC = 'ws: wss:';

  /**
   * Origins (comma-separated, exact) whose pages may call the HTTP API (CORS). Empty: none, only pages of
   * the gateway's own origin (its web app) may. There is no wildcard.
   */
  @Matches(/^(https?:\/\/[^,\s/]+(,https?:\/\/[^,\s/]+)*)?$/, {
    message: 'comma-separated origins like https://chat.example.com (scheme, host and port; no wildcard)',
  })
  CIM_GATEWAY_CORS_ORIGINS = '';
}
