import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate authority of the test's own, made with openssl, issuing server certificates. */
export class TestCa {
  readonly certFile: string;
  private readonly keyFile: string;
  private serial = 1;

  private constructor(
    readonly dir: string,
    readonly name: string,
  ) {
    this.certFile = join(dir, `${name}.crt`);
    this.keyFile = join(dir, `${name}.key`);
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      this.keyFile,
      '-out',
      this.certFile,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    );
  }

  static create(name: string, dir = mkdtempSync(join(tmpdir(), 'cim-ca-'))): TestCa {
    return new TestCa(dir, name);
  }

  get pem(): Buffer {
    return readFileSync(this.certFile);
  }

  /** A certificate for 127.0.0.1 and localhost, and its key, written to `<prefix>.crt` and `<prefix>.key`. */
  issue(prefix: string): { certFile: string; keyFile: string; serialHex: string } {
    const serial = String(1000 + this.serial++);
    const certFile = `${prefix}.crt`;
    const keyFile = `${prefix}.key`;
    const csr = `${prefix}.csr`;
    const ext = `${prefix}.ext`;
    execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > '${ext}'`]);
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      csr,
      '-subj',
      '/CN=127.0.0.1',
    );
    openssl(
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      this.certFile,
      '-CAkey',
      this.keyFile,
      '-set_serial',
      serial,
      '-days',
      '2',
      '-extfile',
      ext,
      '-out',
      certFile,
    );
    // As Node shows it (TLSSocket.getPeerCertificate().serialNumber).
    const serialHex = Number(serial).toString(16).toUpperCase().padStart(4, '0');
    return { certFile, keyFile, serialHex };
  }

  destroy(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'pipe' });
}
