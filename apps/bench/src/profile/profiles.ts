import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_DIR } from '../cluster/cim-cluster';
import { MeasuredWindow } from '../workloads/context';
import { CpuProfile, formatSummary, ProfileSummary, summarizeProfile } from './summarize';

/**
 * Summarizes every .cpuprofile the cim processes wrote in this run, each over the measured window of
 * its workload (over each, when it has several: W3's logins and resumes); writes summary.txt beside them.
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
    const profile = JSON.parse(readFileSync(join(PROFILE_DIR, file), 'utf8')) as CpuProfile;
    const matching = windows.filter((w) => file.startsWith(`${w.tag}-`));
    for (const window of matching.length ? matching : [undefined]) {
      const summary = summarizeProfile(profile, 15, window?.fromUs, window?.toUs);
      json[window?.label ? `${file}#${window.label}` : file] = summary;
      const what = !window ? 'whole run' : `measured window${window.label ? `: ${window.label}` : ''}`;
      parts.push(formatSummary(`${file} (${what})`, summary));
    }
  }
  const text = parts.length ? parts.join('\n\n') : `no profiles in ${PROFILE_DIR}`;
  if (parts.length) writeFileSync(join(PROFILE_DIR, 'summary.txt'), text + '\n');
  return { text, json };
}
