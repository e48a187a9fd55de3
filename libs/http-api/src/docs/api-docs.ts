import { INestApplication } from '@nestjs/common';
import { OpenAPIObject, SwaggerCustomOptions, SwaggerModule } from '@nestjs/swagger';
import { addDerivedAnswers } from './derived-answers';

/** What an app says about its API; the endpoints come from its controllers. */
export interface ApiDocs {
  /** Title, description, version and security schemes: `new DocumentBuilder()…build()`. */
  config: Omit<OpenAPIObject, 'paths'>;
  /** Swagger UI's own options, when the defaults do not do. */
  ui?: SwaggerCustomOptions['swaggerOptions'];
}

/**
 * The app's OpenAPI document: what its controllers declare, plus the answers every endpoint of its
 * kind gives whatever it declares (400 and 413 for a body, 400 for parameters).
 */
export function buildApiDocument(app: INestApplication, { config }: ApiDocs): OpenAPIObject {
  return addDerivedAnswers(SwaggerModule.createDocument(app, config));
}

/** Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function serveApiDocs(app: INestApplication, docs: ApiDocs): void {
  SwaggerModule.setup('docs', app, buildApiDocument(app, docs), {
    jsonDocumentUrl: 'docs-json',
    ...(docs.ui ? { swaggerOptions: docs.ui } : {}),
  });
}
