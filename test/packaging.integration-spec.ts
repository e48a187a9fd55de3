import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Cluster } from './harness/cluster';
import { eventually, SdkUser } from './harness/sdk-user';

const ROOT = join(__dirname, '..');
const PASSWORD = 'correct horse battery';
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;
/** npm and node as a user has them: no npm_* variables of the run that started these tests. */
const ENV = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_'))),
  PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
};

/** A program run in the project, with what it printed so far. */
class Program {
  output = '';
  exitCode?: number | null;
  private readonly child: ChildProcess;

  constructor(cwd: string, command: string, args: string[]) {
    this.child = spawn(command, args, { cwd, env: ENV, stdio: 'pipe' });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.on('exit', (code) => (this.exitCode = code));
  }

  line(text: string): void {
    this.child.stdin!.write(`${text}\n`);
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    let match: RegExpExecArray | null = null;
    await eventually(() => {
      match = pattern.exec(this.output);
      if (!match) throw new Error(`no ${pattern} in the output:\n${this.output}`);
    }, timeoutMs);
    return match!;
  }

  async exited(timeoutMs = 20_000): Promise<number | null | undefined> {
    await eventually(() => {
      if (this.exitCode === undefined) throw new Error(`still running:\n${this.output}`);
    }, timeoutMs);
    return this.exitCode;
  }

  stop(): void {
    if (this.exitCode === undefined) this.child.kill();
  }
}

/** The packed SDK and terminal client, installed from their tarballs into a project outside the repository. */
describe('the SDK and the terminal client as installed packages', () => {
  let cluster: Cluster;
  let project: string;
  let bob: SdkUser;
  const programs: Program[] = [];

  function run(command: string, args: string[]): Program {
    const program = new Program(project, command, args);
    programs.push(program);
    return program;
  }

  beforeAll(async () => {
    const built = execFileSync(process.execPath, ['scripts/build-packages.js', '--pack', '.tmp/packages'], {
      cwd: ROOT,
      env: ENV,
      encoding: 'utf8',
    });
    const tarballs = built.trim().split('\n').slice(-2);
    project = realpathSync(mkdtempSync(join(tmpdir(), 'cim-embedding-')));
    writeFileSync(join(project, 'package.json'), '{ "name": "embedding-cim", "private": true }\n');
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], {
      cwd: project,
      env: ENV,
      stdio: 'pipe',
    });
    cpSync(join(__dirname, 'fixtures', 'packaging'), project, { recursive: true });
    cluster = await Cluster.start({ servers: 1 });
    bob = await new SdkUser(cluster.gatewayUrl, unique('bob')).online();
  }, 240_000);

  afterAll(async () => {
    programs.forEach((program) => program.stop());
    await bob?.client.close();
    await cluster?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it.each(['chat.cjs', 'chat.mjs'])(
    'lets a plain Node program (%s) chat with a user of the running system',
    async (script) => {
      const name = unique('sdkuser');
      const program = run(process.execPath, [script, cluster.gatewayUrl, name, bob.userId]);
      const [, userId] = await program.waitFor(/ready as (\d+)/);
      expect(program.output).toContain(
        `sdk at ${script.endsWith('.mjs') ? 'file://' : ''}${project}/node_modules/@cim/client-sdk/`,
      );
      if (script.endsWith('.mjs')) expect(program.output).toContain('same instance as CommonJS: true');
      await eventually(() =>
        expect(bob.messages).toContainEqual(
          expect.objectContaining({
            senderId: userId,
            senderName: name,
            kind: 'private',
            body: `hello from ${name}`,
          }),
        ),
      );
      await bob.client.sendPrivate(userId, `hi ${name}, bob here`);
      await program.waitFor(
        new RegExp(`received private from ${bob.client.session!.name}: hi ${name}, bob here`),
      );
      expect(await program.exited()).toBe(0);
    },
  );

  it('installs a cim-client command that logs in and sends a message', async () => {
    const name = unique('carol');
    const cli = run('npx', [
      'cim-client',
      '--gateway',
      cluster.gatewayUrl,
      '--name',
      name,
      '--password',
      PASSWORD,
      '--history-dir',
      join(project, 'history'),
    ]);
    const [, userId] = await cli.waitFor(/logged in as \S+ \((\d+)\) on im-1/);
    cli.line(`${bob.userId};;hello bob, from the installed cim-client`);
    await eventually(() =>
      expect(bob.messages).toContainEqual(
        expect.objectContaining({
          senderId: userId,
          senderName: name,
          body: 'hello bob, from the installed cim-client',
        }),
      ),
    );
    await bob.client.sendPrivate(userId, 'got it');
    await cli.waitFor(/→ you \(private\): got it/);
    cli.line(':quit');
    expect(await cli.exited()).toBe(0);
  });

  it('ships declarations that type-check a TypeScript program in CommonJS and in ESM', () => {
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    const options = ['--noEmit', '--strict', '--module', 'node16', '--target', 'es2022', '--types', 'node'];
    const check = spawnSync(tsc, [...options, 'consumer.cts', 'consumer.mts'], { cwd: project, env: ENV });
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.status).toBe(0);
  }, 180_000);
});
