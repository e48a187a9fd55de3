// node dist/apps/bench/apps/bench/src/profile/summarize-main.js <file.cpuprofile>... [--top N] [--callers FN]
// Prints the self-time summary of each profile (the whole profile; the bench itself restricts it to
// the measured window), or with --callers, whose calls a function's self time comes from.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { callersOf, CpuProfile, formatSummary, summarizeProfile } from './summarize';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 20;
const callersAt = args.indexOf('--callers');
const callee = callersAt >= 0 ? args.splice(callersAt, 2)[1] : undefined;
for (const file of args) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  if (callee) {
    console.log(`${basename(file)}: ${callee} is called from`);
    for (const c of callersOf(profile, callee).slice(0, top))
      console.log(`  ${c.percent.toFixed(1).padStart(5)}%  ${c.name}`);
  } else console.log(formatSummary(basename(file), summarizeProfile(profile, top)));
  console.log();
}
