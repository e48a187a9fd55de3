import { INestApplication } from '@nestjs/common';
import { OpenAPIObject, SwaggerCustomOptions, SwaggerModule } from '@nestjs/swagger';

/** What an app says about its API; the endpoints come from its controllers. */
export interface ApiDocs {
  /** Title, description, version and security schemes: `new DocumentBuilder()…build()`. */
  config: Omit<OpenAPIObject, 'paths'>;
  /** Swagger UI's own options, when the defaults do not do. */
  ui?: SwaggerCustomOptions['swaggerOptions'];
}

/** Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function serveApiDocs(app: INestApplication, { config, ui }: ApiDocs): void {
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    ...(ui ? { swaggerOptions: ui } : {}),
  });
}
