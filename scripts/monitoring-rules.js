#!/usr/bin/env node
// Writes k8s/monitoring/prometheus-rule.yaml, the Prometheus operator's PrometheusRule, from the plain
// rules file k8s/monitoring/prometheus/cim.rules.yaml, so that the two cannot drift. Edit the rules
// file, then run `node scripts/monitoring-rules.js`. `--check` writes nothing and fails when the
// PrometheusRule is not what the rules file makes (the unit tests run it).
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const YAML = require('yaml');

const dir = join(__dirname, '..', 'k8s', 'monitoring');
const source = join(dir, 'prometheus', 'cim.rules.yaml');
const target = join(dir, 'prometheus-rule.yaml');

const { groups } = YAML.parse(readFileSync(source, 'utf8'));
const rule = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: 'cim', labels: { 'app.kubernetes.io/part-of': 'cim' } },
  spec: { groups },
};
const text =
  '# GENERATED from prometheus/cim.rules.yaml by `node scripts/monitoring-rules.js`: edit that file, not this.\n' +
  YAML.stringify(rule, { lineWidth: 0 });

if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error(`${target} differs from ${source}: run node scripts/monitoring-rules.js`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
