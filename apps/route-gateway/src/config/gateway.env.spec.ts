import { loadConfig } from '@cim/config';
import { GatewayEnv } from './gateway.env';

describe('GatewayEnv', () => {
  it('serves health, readiness and metrics on an internal port of their own by default', () => {
    expect(loadConfig(GatewayEnv, {})).toMatchObject({
      CIM_GATEWAY_HTTP_PORT: 8080,
      CIM_GATEWAY_RPC_PORT: 8081,
      CIM_GATEWAY_INTERNAL_PORT: 8082,
    });
  });

  it('refuses an internal port that is the HTTP API or the RPC port, naming both', () => {
    for (const port of ['8080', '8081']) {
      expect(() => loadConfig(GatewayEnv, { CIM_GATEWAY_INTERNAL_PORT: port })).toThrow(
        `CIM_GATEWAY_INTERNAL_PORT="${port}": must differ from CIM_GATEWAY_HTTP_PORT and CIM_GATEWAY_RPC_PORT`,
      );
    }
  });

  it('lets every port be 0 (any free port)', () => {
    const ports = { CIM_GATEWAY_HTTP_PORT: '0', CIM_GATEWAY_RPC_PORT: '0', CIM_GATEWAY_INTERNAL_PORT: '0' };
    expect(loadConfig(GatewayEnv, ports).CIM_GATEWAY_INTERNAL_PORT).toBe(0);
  });
});
