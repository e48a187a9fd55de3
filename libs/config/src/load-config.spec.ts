import { IsInt, Max, Min } from 'class-validator';
import { ConfigValidationError, loadConfig } from './load-config';
import { DEVELOPMENT_RPC_SECRET, DEVELOPMENT_TOKEN_SECRET, SecurityEnv } from './security.env';
import { InfraEnv } from './infra.env';

class SampleEnv extends InfraEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  SAMPLE_PORT = 7000;
}

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig(SampleEnv, {});
    expect(config.SAMPLE_PORT).toBe(7000);
    expect(config.CIM_STORE).toBe('memory');
  });

  it('converts numbers from the environment', () => {
    expect(loadConfig(SampleEnv, { SAMPLE_PORT: '8080' }).SAMPLE_PORT).toBe(8080);
  });

  it('names the variable, the value and what was expected', () => {
    expect(() => loadConfig(SampleEnv, { SAMPLE_PORT: 'abc', CIM_STORE: 'mongo' })).toThrow(
      ConfigValidationError,
    );
    try {
      loadConfig(SampleEnv, { SAMPLE_PORT: 'abc', CIM_STORE: 'mongo' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('SAMPLE_PORT="abc": must be an integer number');
      expect(message).toContain('CIM_STORE="mongo": must be one of the following values: memory, redis');
    }
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig(SampleEnv, { SAMPLE_PORT: '70000' })).toThrow(
      /SAMPLE_PORT="70000": must not be greater than 65535/,
    );
  });

  it('refuses the development token secret in production', () => {
    const production = { NODE_ENV: 'production', CIM_RPC_SECRET: 'r'.repeat(40) };
    expect(() => loadConfig(SecurityEnv, production)).toThrow(/CIM_TOKEN_SECRET=\(not set\)/);
    expect(() => loadConfig(SecurityEnv, { ...production, CIM_TOKEN_SECRET: 'short' })).toThrow(
      /longer than or equal to 32/,
    );
    const secret = 's'.repeat(40);
    expect(loadConfig(SecurityEnv, { ...production, CIM_TOKEN_SECRET: secret }).CIM_TOKEN_SECRET).toBe(
      secret,
    );
    expect(loadConfig(SecurityEnv, {}).CIM_TOKEN_SECRET).toBe(DEVELOPMENT_TOKEN_SECRET);
  });

  it('refuses the development RPC secret in production, and uses it elsewhere', () => {
    const production = { NODE_ENV: 'production', CIM_TOKEN_SECRET: 's'.repeat(40) };
    expect(() => loadConfig(SecurityEnv, production)).toThrow(/CIM_RPC_SECRET=\(not set\)/);
    expect(() => loadConfig(SecurityEnv, { ...production, CIM_RPC_SECRET: DEVELOPMENT_RPC_SECRET })).toThrow(
      /CIM_RPC_SECRET=.*not the development default/,
    );
    expect(() => loadConfig(SecurityEnv, { ...production, CIM_RPC_SECRET: 'short' })).toThrow(
      /CIM_RPC_SECRET="short": must be longer than or equal to 32/,
    );
    expect(loadConfig(SecurityEnv, {}).CIM_RPC_SECRET).toBe(DEVELOPMENT_RPC_SECRET);
  });
});
