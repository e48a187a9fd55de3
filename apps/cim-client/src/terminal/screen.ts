import { clearScreenDown, createInterface, cursorTo, Interface, moveCursor } from 'node:readline';

/** Where lines go. */
export interface Output {
  print(line: string): void;
}

type Input = NodeJS.ReadableStream & { isTTY?: boolean };
type Terminal = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * The terminal: a readline prompt, and lines printed above it without mangling what is being typed
 * (the prompt and the partial input are cleared, the line printed, then both drawn again).
 */
export class Screen implements Output {
  private rl?: Interface;
  private promptText = '';

  constructor(
    private readonly input: Input,
    private readonly output: Terminal,
  ) {}

  private get tty(): boolean {
    return !!this.input.isTTY && !!this.output.isTTY;
  }

  open(prompt: string, onLine: (line: string) => void, onClose: () => void): void {
    this.promptText = prompt;
    const rl = createInterface({ input: this.input, output: this.output, prompt, terminal: this.tty });
    this.rl = rl;
    rl.on('line', onLine);
    rl.on('close', () => {
      this.rl = undefined;
      onClose();
    });
    rl.on('SIGINT', () => rl.close());
    rl.prompt();
  }

  print(line: string): void {
    const rl = this.rl;
    if (!rl || !this.tty) {
      this.output.write(`${line}\n`);
      return;
    }
    moveCursor(this.output, 0, -rl.getCursorPos().rows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this.output.write(`${line}\n`);
    rl.prompt(true);
  }

  /** Draws the prompt again, for the next line. */
  prompt(): void {
    this.rl?.prompt();
  }

  /** Wipes the line just entered, so that a message shows once, as the formatted line that follows. */
  eraseEntered(line: string): void {
    if (!this.rl || !this.tty) return;
    const columns = this.output.columns || 80;
    const rows = Math.max(1, Math.ceil(displayWidth(this.promptText + line) / columns));
    moveCursor(this.output, 0, -rows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
  }

  /** Wipes the prompt and closes readline: what follows prints as plain lines. */
  close(): void {
    const rl = this.rl;
    if (!rl) return;
    if (this.tty) {
      moveCursor(this.output, 0, -rl.getCursorPos().rows);
      cursorTo(this.output, 0);
      clearScreenDown(this.output);
    }
    rl.close();
  }
}

/** Columns a text takes: East Asian wide characters and most emoji take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp === 0xfe0f || (cp >= 0x300 && cp < 0x370)) continue; // variation selector, combining marks
    width +=
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff) ||
      (cp >= 0x20000 && cp <= 0x3fffd)
        ? 2
        : 1;
  }
  return width;
}
