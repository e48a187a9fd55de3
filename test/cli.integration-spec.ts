import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';

const ROOT = join(__dirname, '..');
const PASSWORD = 'correct horse battery';
/** The CLI's build: where package.json's bin points, or where the Nest build leaves it. */
const CLI = [
  join(ROOT, 'dist', 'apps', 'cim-client', 'main.js'),
  join(ROOT, 'dist', 'apps', 'cim-client', 'apps', 'cim-client', 'src', 'main.js'),
].find((path) => existsSync(path));
/** A tmux server of our own, so that nothing else running tmux is touched. */
const SOCKET = `cim-cli-test-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-u', '-L', SOCKET, ...args], { encoding: 'utf8' });
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** One CLI running in a 200×50 tmux pane; the pane stays after the CLI exits, showing CIM_EXIT=<code>. */
class Terminal {
  private constructor(readonly session: string) {}

  static open(session: string, args: string[]): Terminal {
    const command = [process.execPath, CLI!, ...args].map(quote).join(' ');
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '200',
      '-y',
      '50',
      `${command}; echo CIM_EXIT=$?; sleep 600`,
    );
    return new Terminal(session);
  }

  /** Types the text without pressing Enter. */
  type(text: string): void {
    tmux('send-keys', '-t', this.session, '-l', text);
  }

  line(text: string): void {
    this.type(text);
    tmux('send-keys', '-t', this.session, 'Enter');
  }

  /** The pane and its scrollback, wrapped lines joined, trailing blank lines dropped. */
  screen(): string {
    return tmux('capture-pane', '-p', '-J', '-S', '-1000', '-t', this.session).trimEnd();
  }

  /** The text printed after the last occurrence of `marker`, or undefined before it shows. */
  after(marker: string): string | undefined {
    const screen = this.screen();
    const at = screen.lastIndexOf(marker);
    return at < 0 ? undefined : screen.slice(at + marker.length);
  }

  /** Types a command and resolves with what it printed, once that contains `until`. */
  async command(line: string, until: string, timeoutMs = 45_000): Promise<string> {
    const marker = `${this.session}> ${line}\n`;
    this.line(line);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const output = this.after(marker);
      if (output?.includes(until)) return output;
      if (Date.now() > deadline)
        throw new Error(`${this.session}: ${line} printed no ${until}:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async waitFor(pattern: RegExp | string, timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`${this.session}: no ${pattern} on screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const describeWithCli = CLI ? describe : describe.skip;

describeWithCli('the terminal client, driven in tmux', () => {
  let cluster: Cluster;
  let historyDir: string;
  let alice: Terminal;
  let bob: Terminal;
  let aliceId: string;
  let bobId: string;

  const start = (name: string, extra: string[] = []) =>
    Terminal.open(name, [
      '--name',
      name,
      '--gateway',
      cluster.gatewayUrl,
      '--history-dir',
      historyDir,
      ...extra,
    ]);

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    historyDir = mkdtempSync(join(tmpdir(), 'cim-cli-history-'));
  });

  afterAll(async () => {
    try {
      const socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
      tmux('kill-server');
      rmSync(socketPath, { force: true });
    } catch {
      // no session left
    }
    rmSync(historyDir, { recursive: true, force: true });
    await cluster?.stop();
  });

  it('registers a new name, logs in and says how to get help', async () => {
    alice = start('alice', ['--password', PASSWORD]);
    // The prompt is drawn after the line that says so: wait for both, then read the last line.
    const screen = await alice.waitFor(/logged in as alice \(\d+\) on im-\d; :help lists the commands\n.+/);
    aliceId = /registered as a new user, id (\d+)/.exec(screen)![1];
    expect(screen.split('\n').at(-1)).toBe('alice>');
  });

  it('asks for the password without showing it when none is given', async () => {
    bob = start('bob');
    await bob.waitFor('password for bob:');
    bob.line(PASSWORD);
    const screen = await bob.waitFor(/logged in as bob \(\d+\)/);
    bobId = /registered as a new user, id (\d+)/.exec(screen)![1];
    expect(screen).not.toContain(PASSWORD);
  });

  it('sends a line to everyone, expanding emoji codes', async () => {
    alice.line('hello everyone :smile:');
    await bob.waitFor(/\[\d\d:\d\d:\d\d\] alice \(group\): hello everyone 😄/);
    await alice.waitFor(/\[\d\d:\d\d:\d\d\] you \(group\): hello everyone 😄/);
    expect(alice.screen()).not.toContain('alice> hello everyone');
  });

  it('sends userId;;text to one user', async () => {
    bob.line(`${aliceId};;psst, alice`);
    await alice.waitFor(/\[\d\d:\d\d:\d\d\] bob → you \(private\): psst, alice/);
    await bob.waitFor(/you → alice \(private\): psst, alice/);
    // Alice's client marks the message read as it shows it: bob sees the receipt.
    await bob.waitFor('*** alice has read your messages (up to seq 1)');
  });

  it('prints incoming messages above the line being typed, leaving it intact', async () => {
    bob.type('half typed');
    alice.line('interrupting');
    await bob.waitFor('alice (group): interrupting');
    const lines = bob.screen().split('\n');
    expect(lines.at(-1)).toBe('bob> half typed');
    expect(lines.at(-2)).toMatch(/alice \(group\): interrupting$/);
    bob.line(' and finished');
    await alice.waitFor('bob (group): half typed and finished');
  });

  it(':all and :help list the commands', async () => {
    for (const command of [':all', ':help']) {
      const help = await alice.command(command, '<userId>;;<text>');
      for (const name of [
        ':olu',
        ':pu <prefix>',
        ':info',
        ':q <keyword>',
        ':delay <seconds> <text>',
        ':emoji',
        ':groups',
        ':gcreate <name> [userId...]',
        '#<group> <text>',
      ])
        expect(help).toContain(name);
      expect(help).toContain(':q! | :quit');
    }
  });

  it(':olu lists the online users with their ids', async () => {
    const list = await alice.command(':olu', `bob`);
    expect(list).toContain('*** 2 online:');
    expect(list).toMatch(new RegExp(`alice +${aliceId} +\\(you\\)`));
    expect(list).toMatch(new RegExp(`bob +${bobId}`));
  });

  it(':pu lists the online users whose name starts with a prefix', async () => {
    const list = await alice.command(':pu b', bobId);
    expect(list).toContain('*** 1 online starting with "b":');
    expect(list).toMatch(new RegExp(`bob +${bobId}`));
    expect(list).not.toMatch(new RegExp(`alice +${aliceId}`));
  });

  it(':gcreate, :groups, #<group> text and :gleave: a group with membership from the terminal', async () => {
    const created = await alice.command(`:gcreate club ${bobId}`, 'with 2 members');
    const groupId = /created #(\d+) club with 2 members/.exec(created)![1];
    expect(await bob.command(':groups', `#${groupId}`)).toMatch(
      new RegExp(`#${groupId} +club +\\(2 members, you: member\\)`),
    );
    bob.line(`#${groupId} hi club`);
    await alice.waitFor(new RegExp(`\\[\\d\\d:\\d\\d:\\d\\d\\] bob \\(#${groupId}\\): hi club`));
    await bob.waitFor(`you (#${groupId}): hi club`);
    await bob.command(`:gleave #${groupId}`, `you left #${groupId}`);
    bob.line(`#${groupId} still here?`);
    await bob.waitFor(
      `not sent to #${groupId} (NotAMember: you are not a member of group ${groupId}): still here?`,
    );
  });

  it(':history reads the newest messages of a private pair and of a group from the server', async () => {
    const pair = await alice.command(':history bob 1', 'psst, alice');
    expect(pair).toContain(`*** the last 1 with bob (${bobId}):`);
    expect(pair).toMatch(/\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] bob → you \(private\): psst, alice/);

    const created = await alice.command(`:gcreate books ${bobId}`, 'with 2 members');
    const groupId = /created #(\d+) books/.exec(created)![1];
    alice.line(`#${groupId} chapter one`);
    await bob.waitFor(`alice (#${groupId}): chapter one`);
    bob.line(`#${groupId} chapter two`);
    await alice.waitFor(`bob (#${groupId}): chapter two`);
    const group = await bob.command(`:history #${groupId}`, 'chapter two');
    expect(group).toContain(`*** the last 2 with #${groupId}:`);
    expect(group).toMatch(
      new RegExp(`alice \\(#${groupId}\\): chapter one\n.*you \\(#${groupId}\\): chapter two`),
    );

    expect(await alice.command(':history nobody-seen', 'seen yet')).toContain(
      '*** no user named nobody-seen seen yet: give the user id',
    );
  });

  it(':info shows the user, the server, the state and the gateway', async () => {
    const info = await alice.command(':info', 'history:');
    expect(info).toMatch(new RegExp(`user: +alice \\(${aliceId}\\)`));
    expect(info).toMatch(/server: +im-\d \(127\.0\.0\.1:\d+\)/);
    expect(info).toMatch(/state: +ready/);
    expect(info).toContain(`gateway:  ${cluster.gatewayUrl}`);
  });

  it(':q searches the history, kept in one file per user per day', async () => {
    const hits = await alice.command(':q HELLO', 'hello everyone');
    expect(hits).toContain('*** 1 in the history matching "HELLO":');
    expect(hits).toMatch(/\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] you \(group\): hello everyone 😄/);
    const days = readdirSync(join(historyDir, 'alice'));
    expect(days).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\d\.log$/)]);
    const entries = readFileSync(join(historyDir, 'alice', days[0]), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { body: string; direction: string });
    expect(entries.map((e) => e.body)).toEqual(
      expect.arrayContaining(['hello everyone 😄', 'psst, alice', 'half typed and finished']),
    );
    await alice.command(':q nothing-like-this', '*** nothing in the history matches "nothing-like-this"');
  });

  it(':delay sends a group message later', async () => {
    await alice.command(':delay 1 see you in a second', '*** will send in 1 s: see you in a second');
    expect(bob.screen()).not.toContain('see you in a second');
    await bob.waitFor('alice (group): see you in a second');
  });

  it(':emoji lists the emoji and their codes, a page at a time', async () => {
    const first = await alice.command(':emoji', ':thinking:');
    expect(first).toContain('*** emoji, page 1 of 3 (:emoji 2 for more):');
    expect(first).toContain('😄 :smile:');
    const second = await alice.command(':emoji 2', ':thumbsup:');
    expect(second).toContain('*** emoji, page 2 of 3 (:emoji 3 for more):');
    expect(second).toContain('👍 :thumbsup:');
  });

  it('says a command is unknown and shows the help', async () => {
    const output = await alice.command(':nope', '<userId>;;<text>');
    expect(output).toMatch(/^\*\*\* unknown command :nope\n\*\*\* commands:/);
  });

  it('refuses a second login of a user who is online', async () => {
    const again = Terminal.open('alice-again', [
      '--name',
      'alice',
      '--password',
      PASSWORD,
      '--gateway',
      cluster.gatewayUrl,
      '--history-dir',
      historyDir,
    ]);
    await again.waitFor('*** cannot log in: user alice is already online');
    await again.waitFor('CIM_EXIT=1');
  });

  it('logs in again elsewhere when its im-server is killed, and keeps chatting', async () => {
    const before = /server: +im-(\d)/.exec(await alice.command(':info', 'history:'))![1];
    await cluster.servers[Number(before) - 1].stop('SIGKILL');
    await alice.waitFor('*** connection lost (the server closed the connection); logging in again');
    await alice.waitFor(/\*\*\* reconnected, to im-\d/, 60_000);
    bob.line(`${aliceId};;are you back?`);
    await alice.waitFor('bob → you (private): are you back?');
    const info = await alice.command(':info', 'history:');
    expect(info).toMatch(/state: +ready/);
    expect(/server: +im-(\d)/.exec(info)![1]).not.toBe(before);
  });

  it('shows the unread counts at login, and marks read what it shows', async () => {
    const carol = await ChatUser.registered(cluster.gatewayUrl, 'carol');
    bob.line(`${carol.userId};;are you there, carol?`);
    // Bob has not seen carol's name: she goes by her id.
    await bob.waitFor(`you → ${carol.userId} (private): are you there, carol?`);
    const terminal = start('carol', ['--password', PASSWORD]);
    await terminal.waitFor(`*** unread: 1 from bob (${bobId})`);
    await terminal.waitFor('bob → you (private, while you were offline): are you there, carol?');
    await bob.waitFor(`*** ${carol.userId} has read your messages (up to seq 1)`);
    terminal.line(':q!');
    await terminal.waitFor('CIM_EXIT=0');
  });

  it(':q! logs out and exits by itself with code 0; :quit too', async () => {
    alice.line(':q!');
    await alice.waitFor(/\*\*\* bye\nCIM_EXIT=0/);
    expect(await bob.command(':olu', 'online:')).toContain('*** 1 online:');
    bob.line(':quit');
    await bob.waitFor(/\*\*\* bye\nCIM_EXIT=0/);
  });
});
