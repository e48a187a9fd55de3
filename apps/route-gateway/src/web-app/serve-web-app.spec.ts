import { Controller, Get, Logger, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '@cim/config';
import { createHttpAdapter } from '@cim/http-api';
import { serveWebApp } from './serve-web-app';
import { WebAppEnv } from './web-app.env';

@Controller('api/ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

async function gatewayWith(env: Record<string, string>): Promise<NestFastifyApplication> {
  Logger.overrideLogger(false);
  const moduleRef = await Test.createTestingModule({ imports: [PingModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter());
  serveWebApp(app, loadConfig(WebAppEnv, env));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('the web app on the route-gateway', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cim-web-'));
  let app: NestFastifyApplication;

  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>cim chat</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log("chat")');
    app = await gatewayWith({
      CIM_WEB_DIR: dir,
      CIM_WEB_CONNECT_SRC: 'wss://im.example.com',
      CIM_GATEWAY_CORS_ORIGINS: 'https://chat.example.com,http://localhost:5173',
    });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page at /app/ with a CSP that allows only its own scripts and the named WebSocket URLs', async () => {
    const page = await app.inject({ method: 'GET', url: '/app/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>cim chat</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' wss://im.example.com");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends / to /app/, gzips for browsers that accept it, and answers 404 naming an unknown file', async () => {
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/app/');
    const script = await app.inject({
      method: 'GET',
      url: '/app/app.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gunzipSync(script.rawPayload).toString()).toBe('console.log("chat")');
    const missing = await app.inject({ method: 'GET', url: '/app/secrets.txt' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('no web app file /app/secrets.txt');
  });

  it('lets the listed origins call the API from their pages, and no other origin', async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/ping',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight('https://chat.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://chat.example.com');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    const foreign = await preflight('https://evil.example.net');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const call = await app.inject({
      method: 'GET',
      url: '/api/ping',
      headers: { origin: 'https://evil.example.net' },
    });
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the web app settings', () => {
  it('refuses a wildcard or a path in CIM_GATEWAY_CORS_ORIGINS, naming the variable', () => {
    for (const value of ['*', 'https://chat.example.com/app'])
      expect(() => loadConfig(WebAppEnv, { CIM_GATEWAY_CORS_ORIGINS: value })).toThrow(
        /CIM_GATEWAY_CORS_ORIGINS/,
      );
  });

  it('refuses a CIM_WEB_DIR without the built app, naming it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cim-web-empty-'));
    await expect(gatewayWith({ CIM_WEB_DIR: empty })).rejects.toThrow(
      `CIM_WEB_DIR: ${empty} holds no index.html`,
    );
    rmSync(empty, { recursive: true, force: true });
  });

  it('answers no CORS headers when no origin is listed', async () => {
    const app = await gatewayWith({});
    const call = await app.inject({
      method: 'GET',
      url: '/api/ping',
      headers: { origin: 'https://chat.example.com' },
    });
    expect(call.statusCode).toBe(200);
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
    await app.close();
  });
});
