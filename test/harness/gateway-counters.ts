/** The gateway counters a reconnect suite watches, read from its /metrics. */
export interface GatewayCounters {
  at: number;
  resumes: number;
  logins: number;
  passwordChecks: number;
  /** Logins and resumes answered 503 at once: the gateway was working on as many as it may. */
  shed: number;
}

const NAMES = {
  resumes: 'cim_resumes_total',
  logins: 'cim_logins_total',
  passwordChecks: 'cim_password_checks_total',
  shed: 'cim_logins_shed_total',
} as const;

/** Reads the counters of the gateways whose internal URLs are given, summed over them. */
export async function readCounters(internalUrls: string[]): Promise<GatewayCounters> {
  const sum: GatewayCounters = { at: Date.now(), resumes: 0, logins: 0, passwordChecks: 0, shed: 0 };
  for (const url of internalUrls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const [key, name] of Object.entries(NAMES) as [keyof typeof NAMES, string][]) {
      const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
      sum[key] += line ? Number(line.split(' ').at(-1)) : 0;
    }
  }
  return sum;
}
