import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_DIR } from '../cluster/cim-cluster';
import { MeasuredWindow } from '../workloads/context';
import { CpuProfile, formatSummary, ProfileSummary, summarizeProfile } from './summarize';

/**
 * Summarizes every .cpuprofile the cim processes wrote in this run, each over the measured window of
 * its workload (W3 has none: its whole profile); writes summary.txt beside them.
 */
export function summarizeProfiles(windows: MeasuredWindow[]): {
  text: string;
  json: Record<string, ProfileSummary>;
} {
  const json: Record<string, ProfileSummary> = {};
  const parts: string[] = [];
  const files = existsSync(PROFILE_DIR)
    ? readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.cpuprofile'))
    : [];
  for (const file of files.sort()) {
    const window = windows.find((w) => file.startsWith(`${w.tag}-`));
    const profile = JSON.parse(readFileSync(join(PROFILE_DIR, file), 'utf8')) as CpuProfile;
    const summary = summarizeProfile(profile, 15, window?.fromUs, window?.toUs);
    json[file] = summary;
    parts.push(formatSummary(`${file}${window ? ' (measured window)' : ' (whole run)'}`, summary));
  }
  const text = parts.length ? parts.join('\n\n') : `no profiles in ${PROFILE_DIR}`;
  if (parts.length) writeFileSync(join(PROFILE_DIR, 'summary.txt'), text + '\n');
  return { text, json };
}
