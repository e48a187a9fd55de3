import { readFileSync, statSync, unwatchFile, watchFile } from 'node:fs';
import { SecureContextOptions } from 'node:tls';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** How often the files are checked for a change. */
  reloadIntervalMs: number;
}

/** A server whose certificate can be swapped while it runs (tls.Server, https.Server). */
export interface SecureServer {
  setSecureContext(options: SecureContextOptions): void;
}

/** Reads the certificate chain and key; a missing or unreadable file throws naming it. */
export function readTlsFiles({ certFile, keyFile }: TlsFiles): { cert: Buffer; key: Buffer } {
  const read = (what: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`cannot read the TLS ${what} ${path}: ${(error as Error).message}`);
    }
  };
  return { cert: read('certificate', certFile), key: read('key', keyFile) };
}

/**
 * Gives the server the files' new certificate whenever either file changes (a Kubernetes Secret mount
 * swaps both through a symbolic link, which polling sees). A pair that does not load — caught
 * half-written, or a key that does not match — is reported and the running certificate kept; the next
 * change tries again. Answers a function that stops watching.
 */
export function reloadOnChange(
  files: TlsFiles,
  server: SecureServer,
  report: (outcome: { reloaded: true } | { reloaded: false; error: Error }) => void,
): () => void {
  let last = stamp(files);
  const check = () => {
    const now = stamp(files);
    if (now === last) return;
    try {
      server.setSecureContext(readTlsFiles(files));
      last = now;
      report({ reloaded: true });
    } catch (error) {
      report({ reloaded: false, error: error as Error });
    }
  };
  const options = { interval: files.reloadIntervalMs, persistent: false };
  watchFile(files.certFile, options, check);
  watchFile(files.keyFile, options, check);
  return () => {
    unwatchFile(files.certFile, check);
    unwatchFile(files.keyFile, check);
  };
}

/** What identifies the files' current contents cheaply: their modification times and sizes. */
function stamp({ certFile, keyFile }: TlsFiles): string {
  return [certFile, keyFile]
    .map((path) => {
      try {
        const s = statSync(path);
        return `${s.mtimeMs}:${s.size}:${s.ino}`;
      } catch {
        return 'missing';
      }
    })
    .join('|');
}
