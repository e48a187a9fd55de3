import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { acceptedBySchema } from '@cim/http-api';
import { ResumeRequest } from './resume.request';

/** What class-validator says of a body, with the options of the API's validation pipe. */
async function classValidatorAccepts(body: object): Promise<boolean> {
  const errors = await validate(plainToInstance(ResumeRequest, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return errors.length === 0;
}

const credential = 'v1.eyJzdWIiOiIxMDAwMSJ9.c2lnbmF0dXJl';
const bodies: object[] = [
  { credential },
  { credential, carrier: 'tcp' },
  { credential, carrier: 'websocket', deviceId: 'laptop-3f9c', deviceKind: 'web' },
  { credential, deviceId: 'a'.repeat(64), deviceKind: 'mobile' },
  { credential, avoid: 'im-2.pod_3' },
  { credential: 'x'.repeat(4096) },
  { credential: '😀'.repeat(2048) },
  { credential: '😀'.repeat(2049) },
  { credential: 'x'.repeat(4097) },
  { credential: '' },
  { credential: 7 },
  { credential: null },
  {},
  { credential, carrier: 'udp' },
  { credential, carrier: null },
  { credential, deviceId: 'a'.repeat(65) },
  { credential, deviceId: 'bad id' },
  { credential, deviceId: '' },
  { credential, deviceKind: 'toaster' },
  { credential, deviceKind: null },
  { credential, avoid: 'im 2' },
  { credential, avoid: '' },
  { credential, avoid: 'a'.repeat(65) },
  { credential, avoid: 7 },
  { credential, avoid: null },
  { credential, extra: 1 },
  { credential: [credential] },
];

describe('ResumeRequest', () => {
  it('has a schema that accepts no body class-validator refuses, and accepts the usual ones', async () => {
    for (const body of bodies) {
      if (acceptedBySchema(ResumeRequest, body))
        expect([body, await classValidatorAccepts(body)]).toEqual([body, true]);
    }
    for (const body of bodies.slice(0, 6))
      expect([body, acceptedBySchema(ResumeRequest, body)]).toEqual([body, true]);
  });
});
