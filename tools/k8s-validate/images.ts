import { describeObject } from './render';
import { containersOf, Workload } from './workloads';

/** Hosts that stand for "your registry" (RFC 2606's reserved names): an image there is not pullable. */
export const PLACEHOLDER_HOST = /(^|\.)(example\.(com|net|org)|example|invalid|test|localhost)(:\d+)?$/;

/** A tag that names one release: x.y.z, with an optional suffix (`7.4.1`, `v1.2.3-alpine`). */
const RELEASE_TAG = /^v?\d+\.\d+\.\d+([-.+][0-9A-Za-z.-]+)?$/;

/** `registry.example.com/cim:0.1.0` → its registry host (undefined for Docker Hub's short names). */
function registryOf(image: string): string | undefined {
  const first = image.split('/')[0];
  return image.includes('/') && (first.includes('.') || first.includes(':')) ? first : undefined;
}

/** The tag of `name:tag` (after the last path segment's colon), or undefined. */
function tagOf(image: string): string | undefined {
  const last = image.split('@')[0].split('/').pop() ?? '';
  return last.includes(':') ? last.slice(last.indexOf(':') + 1) : undefined;
}

/**
 * In a production overlay, every image is pinned — a digest, or a tag naming one release, never
 * `latest`, none, or a moving `7` or `3.8` — so that a rescheduled pod runs what the others run; and
 * none is on a placeholder registry unless `placeholdersAllowed` (the repository's own template).
 */
export function checkImages(all: Workload[], placeholdersAllowed: boolean): string[] {
  const problems: string[] = [];
  for (const workload of all) {
    for (const container of containersOf(workload)) {
      const image = container.image ?? '';
      const at = `${describeObject(workload.object)}: container ${container.name}`;
      const tag = tagOf(image);
      if (!image.includes('@sha256:') && !(tag && RELEASE_TAG.test(tag))) {
        problems.push(`${at}: image ${image} is not pinned (a release tag x.y.z or a digest)`);
      }
      const registry = registryOf(image);
      if (!placeholdersAllowed && registry && PLACEHOLDER_HOST.test(registry)) {
        problems.push(
          `${at}: image ${image} is on the placeholder registry ${registry}: set yours (kustomize edit set image)`,
        );
      }
    }
  }
  return problems;
}
