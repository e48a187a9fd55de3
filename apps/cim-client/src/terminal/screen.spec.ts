import { PassThrough } from 'node:stream';
import { displayWidth, Screen } from './screen';

describe('Screen', () => {
  it('prints plain lines when the output is not a terminal', () => {
    const output = new PassThrough();
    const screen = new Screen(new PassThrough() as unknown as NodeJS.ReadStream, output);
    screen.print('[12:00:00] bob (group): hi');
    expect(output.read().toString()).toBe('[12:00:00] bob (group): hi\n');
  });

  it('hands over each line typed and reports the end of the input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const screen = new Screen(input, output);
    const lines: string[] = [];
    const closed = new Promise<void>((resolve) => screen.open('alice> ', (l) => lines.push(l), resolve));
    input.end('hello\n:olu\n');
    await closed;
    expect(lines).toEqual(['hello', ':olu']);
  });

  it('counts wide characters and emoji as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('😄')).toBe(2);
    expect(displayWidth('你好')).toBe(4);
    expect(displayWidth('❤️')).toBe(1);
  });
});
