import { loadConfig } from '@cim/config';
import { AdminEnv, DEVELOPMENT_ADMIN_API_KEY, DEVELOPMENT_PUSH_API_KEY } from './admin.env';

describe('AdminEnv', () => {
  const production = {
    NODE_ENV: 'production',
    CIM_TOKEN_SECRET: 's'.repeat(40),
    CIM_RPC_SECRET: 'r'.repeat(40),
  };

  it('has development keys outside production', () => {
    const env = loadConfig(AdminEnv, {});
    expect(env.CIM_ADMIN_API_KEY).toBe(DEVELOPMENT_ADMIN_API_KEY);
    expect(env.CIM_PUSH_API_KEY).toBe(DEVELOPMENT_PUSH_API_KEY);
    expect(env.CIM_ADMIN_HTTP_PORT).toBe(8090);
  });

  it('requires keys of their own, of at least 32 characters, in production', () => {
    expect(() => loadConfig(AdminEnv, production)).toThrow(/CIM_ADMIN_API_KEY=\(not set\)/);
    expect(() =>
      loadConfig(AdminEnv, { ...production, CIM_ADMIN_API_KEY: 'short', CIM_PUSH_API_KEY: 'p'.repeat(32) }),
    ).toThrow(/CIM_ADMIN_API_KEY="short": must be longer than or equal to 32/);
    expect(() => loadConfig(AdminEnv, { ...production, CIM_ADMIN_API_KEY: 'a'.repeat(32) })).toThrow(
      /CIM_PUSH_API_KEY=\(not set\)/,
    );
    const env = loadConfig(AdminEnv, {
      ...production,
      CIM_ADMIN_API_KEY: 'a'.repeat(32),
      CIM_PUSH_API_KEY: 'p'.repeat(32),
    });
    expect(env.CIM_ADMIN_API_KEY).toBe('a'.repeat(32));
  });

  it('serves health, readiness and metrics on an internal port apart from the admin API', () => {
    expect(loadConfig(AdminEnv, {}).CIM_ADMIN_INTERNAL_PORT).toBe(8091);
    expect(() =>
      loadConfig(AdminEnv, { CIM_ADMIN_HTTP_PORT: '9000', CIM_ADMIN_INTERNAL_PORT: '9000' }),
    ).toThrow('CIM_ADMIN_INTERNAL_PORT="9000": must differ from CIM_ADMIN_HTTP_PORT');
  });
});
