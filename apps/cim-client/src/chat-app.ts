import { CimClient, NameTakenError } from '@cim/client-sdk';
import { carrierFor } from './carrier';
import { CliArgs } from './args';
import { COMMANDS, runCommand } from './commands/command-table';
import { CommandContext } from './commands/command';
import { parseInput } from './commands/parse-input';
import { expandEmoji } from './emoji/emoji';
import { ConversationsApi } from './conversations/conversations-api';
import { GroupsApi } from './groups/groups-api';
import { HistoryStore } from './history/history-store';
import { notice } from './printer/format';
import { NameBook } from './printer/name-book';
import { Printer } from './printer/printer';
import { ReadReceipts } from './read-state/read-receipts';
import { Screen } from './terminal/screen';

export const EXIT = { quit: 0, failed: 1, usage: 2, kicked: 3 } as const;

/**
 * More than the SDK's default: with the backoff capped at 5 s these span 15 to 30 s, longer than it
 * takes the cluster to notice a dead im-server (its ZooKeeper session timeout, 10 s by default).
 */
const LOGIN_RETRIES = 10;

export interface ChatIo {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

/**
 * The terminal chat: registers the name if it is new, logs in, then reads lines (messages and
 * commands) and prints messages above the prompt. run() resolves with the exit code once everything
 * is released, so that the process ends by itself.
 */
export class ChatApp {
  private readonly screen: Screen;
  private readonly history: HistoryStore;
  private readonly names = new NameBook();
  private readonly printer: Printer;
  private readonly client: CimClient;
  private readonly receipts: ReadReceipts;
  private readonly context: CommandContext;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Commands run one after the other, so that their answers come out in the order typed. */
  private commands: Promise<void> = Promise.resolve();
  private running = false;
  private quitting = false;
  private finish: (code: number) => void = () => undefined;

  constructor(args: CliArgs, password: string, io: ChatIo) {
    this.screen = new Screen(io.input, io.output);
    this.history = new HistoryStore(args.historyDir, args.name);
    const me = () => ({ userId: this.client.session?.userId ?? '', name: args.name });
    this.printer = new Printer(this.screen, this.history, this.names, me);
    this.client = new CimClient({
      gatewayUrl: args.gatewayUrl,
      name: args.name,
      password,
      loginRetries: LOGIN_RETRIES,
      carrier: carrierFor(args),
      device: { ...(args.device ? { id: args.device } : {}), kind: 'terminal' },
      listener: {
        onMessage: async (message) => {
          await this.printer.onMessage(message);
          this.receipts.shown(message);
        },
      },
      hooks: {
        onStateChange: (state, reason) => this.stateChanged(state, reason),
        onReconnecting: (attempt, delayMs) =>
          this.say(`logging in again in ${delayMs} ms (attempt ${attempt})`),
        onReconnected: (serverId) => this.say(`reconnected, to ${serverId}`),
        onKicked: (reason) => {
          this.say(`kicked: ${reason}`);
          void this.quit(EXIT.kicked);
        },
        onRead: (read) => void this.receipts.read(read),
        onError: (error) => this.say(`error: ${error.message}`),
      },
    });
    this.receipts = new ReadReceipts(this.client, this.names, (line) => this.screen.print(line));
    this.context = {
      client: this.client,
      history: this.history,
      names: this.names,
      groups: new GroupsApi(
        () => args.gatewayUrl,
        () => this.client.accessToken,
      ),
      conversations: new ConversationsApi(
        () => args.gatewayUrl,
        () => this.client.accessToken,
      ),
      commands: COMMANDS,
      print: (line) => this.screen.print(line),
      sendGroup: (text) => this.send(text),
      later: (delayMs, action) => this.later(delayMs, action),
      quit: () => this.quit(EXIT.quit),
    };
  }

  async run(): Promise<number> {
    const done = new Promise<number>((resolve) => (this.finish = resolve));
    try {
      await this.login();
    } catch (error) {
      this.say(`cannot log in: ${(error as Error).message}`);
      await this.client.close();
      return EXIT.failed;
    }
    this.running = true;
    const { name, userId, server } = this.client.session!;
    this.say(`logged in as ${name} (${userId}) on ${server.id}; :help lists the commands`);
    this.screen.open(
      `${name}> `,
      (line) => this.onLine(line),
      () => void this.quit(EXIT.quit),
    );
    void this.receipts.showUnread().catch((error: Error) => this.say(error.message));
    return done;
  }

  private async login(): Promise<void> {
    try {
      const userId = await this.client.register();
      this.say(`registered as a new user, id ${userId}`);
    } catch (error) {
      if (!(error instanceof NameTakenError)) throw error;
    }
    await this.client.start();
  }

  private onLine(line: string): void {
    const input = parseInput(line);
    if (input.type === 'group' || input.type === 'private' || input.type === 'to-group')
      this.screen.eraseEntered(line);
    this.screen.prompt();
    if (input.type === 'command') {
      const { name, args } = input;
      this.commands = this.commands.then(() =>
        runCommand(this.context, name, args).catch((error: Error) => this.say(`error: ${error.message}`)),
      );
    } else if (input.type !== 'empty') {
      // Messages are not held up by a slow command: each is printed when the gateway accepts it.
      if (input.type === 'to-group') void this.sendToGroup(input.groupId, input.text);
      else if (input.type === 'private') this.receipts.sending(this.send(input.text, input.receiverId));
      else void this.send(input.text);
    }
  }

  /** Sends with emoji expanded; printed (and kept in the history) once the gateway accepted it. */
  private async send(text: string, receiverId?: string): Promise<void> {
    const body = expandEmoji(text);
    if (!body) return this.say('usage: <userId>;;<text>');
    try {
      const result = receiverId
        ? await this.client.sendPrivate(receiverId, body)
        : await this.client.sendGroup(body);
      await this.printer.sent(result, body, receiverId);
    } catch (error) {
      this.say(`not sent (${(error as Error).message}): ${text}`);
    }
  }

  private async sendToGroup(groupId: string, text: string): Promise<void> {
    const body = expandEmoji(text);
    if (!body) return this.say('usage: #<group> <text>');
    try {
      const result = await this.client.sendToGroup(groupId, body);
      await this.printer.sent(result, body, '', groupId);
    } catch (error) {
      this.say(`not sent to #${groupId} (${(error as Error).message}): ${text}`);
    }
  }

  private later(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, delayMs);
    this.timers.add(timer);
  }

  private stateChanged(state: string, reason?: string): void {
    if (!this.running) return; // before the chat starts, run() reports what went wrong
    if (state === 'reconnecting') this.say(`connection lost (${reason}); logging in again`);
    if (state === 'failed') {
      this.say(`giving up: ${reason}`);
      void this.quit(EXIT.failed);
    }
  }

  /** Logs out, stops the timers and the prompt; run() then resolves with the code. */
  private async quit(code: number): Promise<void> {
    if (this.quitting) return;
    this.quitting = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.client.close();
    this.screen.close();
    this.say('bye');
    this.finish(code);
  }

  private say(text: string): void {
    this.screen.print(notice(text));
  }
}
