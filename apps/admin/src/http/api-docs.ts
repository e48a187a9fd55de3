import { DocumentBuilder } from '@nestjs/swagger';
import { ApiDocs } from '@cim/http-api';
import { OPERATOR_KEY_HEADER, PUSH_KEY_HEADER } from '../auth/api-key.guard';
import { OPERATOR_KEY_SCHEME, PUSH_KEY_SCHEME } from '../auth/auth.decorators';

/** The admin's OpenAPI document, with both keys declared for "Authorize" (and not kept by the browser). */
export function adminApiDocs(): ApiDocs {
  const config = new DocumentBuilder()
    .setTitle('cim admin')
    .setDescription(
      "The operators' API (key in x-api-key): im-servers and their counters, online users, a user's " +
        'state, kick, broadcast. The push API for app backends (key in x-push-key): messages to users ' +
        'without their token, kept in the inbox of those offline.',
    )
    .setVersion('1')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: OPERATOR_KEY_HEADER, description: 'CIM_ADMIN_API_KEY' },
      OPERATOR_KEY_SCHEME,
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: PUSH_KEY_HEADER, description: 'CIM_PUSH_API_KEY' },
      PUSH_KEY_SCHEME,
    )
    .build();
  return { config, ui: { persistAuthorization: false } };
}
