import { DynamicModule, Module } from '@nestjs/common';
import { loadConfig } from './load-config';

/** Validates an app's config class at start-up and provides the instance under the class itself. */
@Module({})
export class ConfigModule {
  static forRoot<T extends object>(cls: new () => T, instance?: T): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: cls, useValue: instance ?? loadConfig(cls) }],
      exports: [cls],
    };
  }
}
