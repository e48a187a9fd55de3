import { DocumentBuilder } from '@nestjs/swagger';
import { ApiDocs } from '@cim/http-api';

/** The route-gateway's OpenAPI document, with bearer auth declared. */
export function gatewayApiDocs(): ApiDocs {
  const config = new DocumentBuilder()
    .setTitle('cim route-gateway')
    .setDescription(
      'Register, log in (the answer names the im-server to connect to and carries a signed token), ' +
        'send group and private messages, list online users, log out.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The token answered by POST /api/login' })
    .build();
  return { config };
}
