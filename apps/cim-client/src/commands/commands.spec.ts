import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OnlineUsersPage, StoredMessage } from '@cim/client-sdk';
import { HistoryStore } from '../history/history-store';
import { NameBook } from '../printer/name-book';
import { CommandContext } from './command';
import { COMMANDS, runCommand } from './command-table';

describe('commands', () => {
  let dir: string;
  let lines: string[];
  let context: CommandContext;
  let pages: OnlineUsersPage[];
  let scheduled: { delayMs: number; action: () => void }[];
  let stored: StoredMessage[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cim-commands-'));
    lines = [];
    scheduled = [];
    stored = [];
    pages = [
      {
        cursor: '7',
        users: [
          { userId: '10001', name: 'alice' },
          { userId: '10003', name: 'carol' },
        ],
      },
      { cursor: '0', users: [{ userId: '10002', name: 'albert' }] },
    ];
    context = {
      client: {
        state: 'ready',
        gatewayUrl: 'http://127.0.0.1:8080',
        session: {
          userId: '10001',
          name: 'alice',
          server: { id: 'im-1', host: '127.0.0.1', port: 9000 },
          heartbeatIntervalMs: 10_000,
          resumed: false,
          device: { id: 'laptop', kind: 'terminal' },
        },
        onlineUsers: jest.fn(async () => pages.shift()!),
      },
      history: new HistoryStore(dir, 'alice'),
      names: new NameBook(),
      groups: {
        mine: jest.fn(async () => [
          { id: '7', name: 'club', ownerId: '10001', memberCount: 3, role: 'owner' as const },
        ]),
        create: jest.fn(async (name: string, memberIds: string[]) => ({
          id: '8',
          name,
          ownerId: '10001',
          memberCount: memberIds.length + 1,
          role: 'owner' as const,
        })),
        add: jest.fn(async (_groupId: string, userIds: string[]) => userIds),
        remove: jest.fn(async () => undefined),
        leave: jest.fn(async () => undefined),
      },
      conversations: { newest: jest.fn(async () => stored) },
      commands: COMMANDS,
      print: (line) => lines.push(line),
      sendGroup: jest.fn(async () => undefined),
      later: (delayMs, action) => scheduled.push({ delayMs, action }),
      quit: jest.fn(async () => undefined),
    };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const run = (line: string) => {
    const [name, ...rest] = line.split(' ');
    return runCommand(context, name, rest.join(' '));
  };

  it(':help and :all list every command and the message syntax', async () => {
    await run(':help');
    const text = lines.join('\n');
    for (const name of [':all', ':help', ':olu', ':pu', ':info', ':q', ':q!', ':quit', ':delay', ':emoji'])
      expect(text).toContain(name);
    expect(text).toContain('<userId>;;<text>');
    expect(text).toContain('#<group> <text>');
    for (const name of [':groups', ':gcreate', ':gadd', ':grm', ':gleave']) expect(text).toContain(name);
    lines = [];
    await run(':all');
    expect(lines.join('\n')).toBe(text);
  });

  it(':groups lists your groups; :gcreate, :gadd, :grm and :gleave change them', async () => {
    await run(':groups');
    expect(lines).toEqual(['*** 1 group(s):', '  #7  club  (3 members, you: owner)']);
    lines = [];
    await run(':gcreate hikers 10002 10003');
    await run(':gadd #7 10004 10005');
    await run(':grm 7 10004');
    await run(':gleave #7');
    expect(lines).toEqual([
      '*** created #8 hikers with 3 members',
      '*** added to #7: 10004, 10005',
      '*** removed 10004 from #7',
      '*** you left #7',
    ]);
    expect(context.groups.create).toHaveBeenCalledWith('hikers', ['10002', '10003']);
    expect(context.groups.remove).toHaveBeenCalledWith('7', '10004');
  });

  it('shows the usage of a group command given the wrong arguments, and calls nothing', async () => {
    await run(':gadd seven 10002');
    await run(':grm 7');
    await run(':gleave');
    expect(lines).toEqual([
      '*** usage: :gadd <group> <userId...>',
      '*** usage: :grm <group> <userId>',
      '*** usage: :gleave <group>',
    ]);
    expect(context.groups.add).not.toHaveBeenCalled();
  });

  it('says an unknown command is unknown and shows the help', async () => {
    await run(':nope');
    expect(lines[0]).toBe('*** unknown command :nope');
    expect(lines[1]).toBe('*** commands:');
  });

  it(':olu lists every page of online users by name, with ids, marking you', async () => {
    await run(':olu');
    expect(lines).toEqual(['*** 3 online:', '  albert  10002', '  alice   10001  (you)', '  carol   10003']);
    expect(context.client.onlineUsers).toHaveBeenNthCalledWith(2, '7', 500);
    expect(context.names.get('10003')).toBe('carol');
  });

  it(':pu lists the online users whose name starts with the prefix, ignoring case', async () => {
    await run(':pu AL');
    expect(lines).toEqual(['*** 2 online starting with "AL":', '  albert  10002', '  alice   10001  (you)']);
    lines = [];
    pages = [{ cursor: '0', users: [{ userId: '10001', name: 'alice' }] }];
    await run(':pu z');
    expect(lines).toEqual(['*** nobody online has a name starting with "z"']);
  });

  it(':info shows the user, the server, the device, the state and the gateway', async () => {
    await run(':info');
    expect(lines).toEqual([
      '*** info:',
      '  user:     alice (10001)',
      '  server:   im-1 (127.0.0.1:9000)',
      '  device:   laptop (terminal)',
      '  state:    ready',
      '  gateway:  http://127.0.0.1:8080',
      `  history:  ${join(dir, 'alice')}`,
    ]);
  });

  it(':q searches the history; without a keyword it shows its usage', async () => {
    const at = new Date(2024, 0, 2, 3, 4, 5).getTime();
    const base = { direction: 'in', messageId: '1', senderId: '10002', receiverId: '' } as const;
    await context.history.append({ ...base, at, kind: 'group', senderName: 'bob', body: 'Hello there' });
    await context.history.append({ ...base, at, kind: 'group', senderName: 'bob', body: 'other' });
    await run(':q hello');
    expect(lines).toEqual([
      '*** 1 in the history matching "hello":',
      '  [2024-01-02 03:04:05] bob (group): Hello there',
    ]);
    lines = [];
    await run(':q');
    expect(lines).toEqual(['*** usage: :q <keyword>']);
  });

  it(':history shows the newest messages of a pair, a group or the lobby from the server', async () => {
    const at = new Date(2024, 0, 2, 3, 4, 5).getTime();
    const message = { messageId: 'm', sentAt: at, senderName: 'bob', receiverId: '10001' } as const;
    stored = [
      { ...message, seq: 4, senderId: '10002', kind: 'private', body: 'hi alice' },
      {
        ...message,
        seq: 5,
        senderId: '10001',
        senderName: 'alice',
        receiverId: '10002',
        kind: 'private',
        body: 'hi bob',
      },
    ];
    context.names.learn('10002', 'bob');
    await run(':history bob 2');
    expect(context.conversations.newest).toHaveBeenLastCalledWith('p:10001:10002', 2);
    expect(lines).toEqual([
      '*** the last 2 with bob (10002):',
      '  [2024-01-02 03:04:05] bob → you (private): hi alice',
      '  [2024-01-02 03:04:05] you → bob (private): hi bob',
    ]);

    lines = [];
    stored = [
      {
        ...message,
        seq: 1,
        senderId: '10003',
        senderName: 'carol',
        receiverId: '',
        kind: 'group',
        groupId: '7',
        body: 'club',
      },
    ];
    await run(':history #7');
    expect(context.conversations.newest).toHaveBeenLastCalledWith('g:7', 20);
    expect(lines).toEqual(['*** the last 1 with #7:', '  [2024-01-02 03:04:05] carol (#7): club']);

    lines = [];
    stored = [];
    await run(':history lobby 5');
    expect(context.conversations.newest).toHaveBeenLastCalledWith('group', 5);
    expect(lines).toEqual(['*** no messages with the lobby']);
  });

  it(':history shows its usage for a bad count, and says so for a name never seen', async () => {
    for (const args of ['', 'bob 0', 'bob 201', 'bob two', '#7 3 4']) {
      lines = [];
      await run(`:history ${args}`.trim());
      expect(lines).toEqual([
        '*** usage: :history <userId|name|#group|lobby> [n] (n from 1 to 200, default 20)',
      ]);
    }
    lines = [];
    await run(':history zed');
    expect(lines).toEqual(['*** no user named zed seen yet: give the user id']);
    expect(context.conversations.newest).not.toHaveBeenCalled();
  });

  it(':delay sends a group message after the delay', async () => {
    await run(':delay 2.5 see you :smile:');
    expect(lines).toEqual(['*** will send in 2.5 s: see you :smile:']);
    expect(scheduled.map((s) => s.delayMs)).toEqual([2500]);
    scheduled[0].action();
    expect(context.sendGroup).toHaveBeenCalledWith('see you :smile:');
  });

  it(':delay refuses a missing or bad delay', async () => {
    await run(':delay soon hi');
    await run(':delay 5');
    expect(lines.every((l) => l.startsWith('*** usage: :delay <seconds> <text>'))).toBe(true);
    expect(scheduled).toEqual([]);
  });

  it(':emoji lists 20 emoji a page with their codes', async () => {
    await run(':emoji');
    expect(lines[0]).toBe('*** emoji, page 1 of 3 (:emoji 2 for more):');
    expect(
      lines
        .slice(1)
        .join(' ')
        .match(/:[a-z0-9_]+:/g),
    ).toHaveLength(20);
    expect(lines[1]).toContain('😄 :smile:');
    lines = [];
    await run(':emoji 3');
    expect(lines[0]).toBe('*** emoji, page 3 of 3:');
  });

  it(':q! and :quit quit', async () => {
    await run(':q!');
    await run(':quit');
    expect(context.quit).toHaveBeenCalledTimes(2);
  });
});
