import { Cluster } from './harness/cluster';
import { http } from './harness/http';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;
const limits = {
  CIM_LOGIN_MAX_FAILURES_PER_USER: '3',
  CIM_LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
  CIM_LOGIN_BLOCK_SEC: '300',
  CIM_RESUME_MAX_FAILURES_PER_ADDRESS: '3',
};

/** POSTs a login or a resume to a gateway: the status, the Retry-After header and the answer. */
async function post(base: string, path: 'login' | 'resume', body: Record<string, string>) {
  const response = await fetch(`${base}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { message?: string },
  };
}

const logIn = (base: string, name: string, password: string) => post(base, 'login', { name, password });
const resume = (base: string, credential: string) => post(base, 'resume', { credential });

/** cim_password_checks_total of a gateway, from /metrics on its internal port. */
async function passwordChecks(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('cim_password_checks_total'));
  if (!line) throw new Error('cim_password_checks_total is not in /metrics');
  return Number(line.split(' ').pop());
}

/** Failed logins and refused resumes are limited across all gateways of a cluster (counted in its Redis). */
describe('failed-login limiting', () => {
  let cluster: Cluster;
  let first: string;
  let second: string;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 1, gateways: 2, gatewayEnv: limits });
    [first, second] = cluster.gatewayUrls;
  });

  afterAll(() => cluster?.stop());

  async function register(name: string): Promise<void> {
    expect((await http('POST', `${first}/api/users`, { name, password: 'password-1' })).status).toBe(201);
  }

  it('blocks a user whose failures were spread over two gateways, on both, with Retry-After', async () => {
    const alice = unique('alice');
    await register(alice);
    for (const gateway of [first, second, first]) {
      expect((await logIn(gateway, alice, 'wrong-password')).status).toBe(401);
    }
    for (const gateway of [second, first]) {
      const refused = await logIn(gateway, alice, 'password-1');
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(300);
      expect(refused.body.message).toMatch(
        /^too many failed logins for this user or from this address; try again in \d+ s$/,
      );
    }
    const bob = unique('bob');
    await register(bob);
    expect((await logIn(second, bob, 'password-1')).status).toBe(200);
  });

  it('blocks an address whose refused resumes were spread over two gateways, on both, even with a valid credential', async () => {
    const dave = unique('dave');
    await register(dave);
    const login = await http<{ resume: { credential: string } }>('POST', `${first}/api/login`, {
      name: dave,
      password: 'password-1',
    });
    expect(login.status).toBe(200);
    for (const gateway of [first, second, first]) {
      expect((await resume(gateway, 'not-a-credential')).status).toBe(401);
    }
    for (const gateway of [second, first]) {
      const refused = await resume(gateway, login.body.resume.credential);
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(300);
      expect(refused.body.message).toMatch(
        /^too many refused resumes from this address; try again in \d+ s$/,
      );
    }
  });

  it('checks a password hash for an unknown name as for a known one', async () => {
    const carol = unique('carol');
    await register(carol);
    for (const name of [unique('nobody'), carol]) {
      const before = await passwordChecks(cluster.gatewayInternalUrls[1]);
      expect((await logIn(second, name, 'wrong-password')).status).toBe(401);
      expect(await passwordChecks(cluster.gatewayInternalUrls[1])).toBe(before + 1);
    }
  });
});
