import { DynamicModule, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';

/**
 * Provides the app's MetricsRegistry to every module. serve 'app' serves it at GET /metrics on the
 * app's own HTTP server; 'internal-port' leaves that to the InternalHttpServer (HealthModule).
 */
@Module({})
export class MetricsModule {
  static forRoot(app: string, serve: 'app' | 'internal-port' = 'app'): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: serve === 'app' ? [MetricsController] : [],
      providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry(app) }],
      exports: [MetricsRegistry],
    };
  }
}
