/** The gateway counters a reconnect suite watches, read from its /metrics. */
export interface GatewayCounters {
  at: number;
  resumes: number;
  logins: number;
  passwordChecks: number;
}

const NAMES = {
  resumes: 'cim_resumes_total',
  logins: 'cim_logins_total',
  passwordChecks: 'cim_password_checks_total',
} as const;

/** Reads the counters of the gateways whose internal URLs are given, summed over them. */
export async function readCounters(internalUrls: string[]): Promise<GatewayCounters> {
  const sum: GatewayCounters = { at: Date.now(), resumes: 0, logins: 0, passwordChecks: 0 };
  for (const url of internalUrls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const [key, name] of Object.entries(NAMES) as [keyof typeof NAMES, string][]) {
      const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
      sum[key] += line ? Number(line.split(' ').at(-1)) : 0;
    }
  }
  return sum;
}

/**
 * Samples the counters every `everyMs` until stopped: the samples show the rate at which the gateways
 * granted sessions over any stretch of the run.
 */
export function sampleCounters(internalUrls: string[], everyMs = 100) {
  const samples: GatewayCounters[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      samples.push(await readCounters(internalUrls));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    samples.push(await readCounters(internalUrls));
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await done;
      return samples;
    },
  };
}

/** The most sessions (resumes and logins) granted within any `windowMs` between two samples. */
export function peakGrants(samples: GatewayCounters[], windowMs: number): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length && samples[j].at - samples[i].at <= windowMs; j++) {
      const grants = (s: GatewayCounters) => s.resumes + s.logins;
      peak = Math.max(peak, grants(samples[j]) - grants(samples[i]));
    }
  }
  return peak;
}
