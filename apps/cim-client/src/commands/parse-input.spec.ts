import { parseInput } from './parse-input';

describe('parseInput', () => {
  it('reads a plain line as a group message', () => {
    expect(parseInput('  hello everyone ')).toEqual({ type: 'group', text: 'hello everyone' });
  });

  it('reads #<group> text as a message to a group, and #word as a lobby message', () => {
    expect(parseInput('#7 hello club')).toEqual({ type: 'to-group', groupId: '7', text: 'hello club' });
    expect(parseInput('#12')).toEqual({ type: 'to-group', groupId: '12', text: '' });
    expect(parseInput('#hashtag day')).toEqual({ type: 'group', text: '#hashtag day' });
  });

  it('reads userId;;text as a private message', () => {
    expect(parseInput('10002;;hi bob')).toEqual({ type: 'private', receiverId: '10002', text: 'hi bob' });
    expect(parseInput('10002;; a;;b ')).toEqual({ type: 'private', receiverId: '10002', text: 'a;;b' });
  });

  it('does not take a line with ;; after a space for a private message', () => {
    expect(parseInput('see you;;later')).toEqual({ type: 'group', text: 'see you;;later' });
  });

  it('reads a line starting with a colon as a command with its arguments', () => {
    expect(parseInput(':olu')).toEqual({ type: 'command', name: ':olu', args: '' });
    expect(parseInput(':q!')).toEqual({ type: 'command', name: ':q!', args: '' });
    expect(parseInput(':q  hello world ')).toEqual({ type: 'command', name: ':q', args: 'hello world' });
    expect(parseInput(':delay 5 hi there')).toEqual({ type: 'command', name: ':delay', args: '5 hi there' });
  });

  it('reads a line starting with an emoji code as a message', () => {
    expect(parseInput(':smile: morning')).toEqual({ type: 'group', text: ':smile: morning' });
    expect(parseInput(':nope: morning')).toMatchObject({ type: 'command', name: ':nope:' });
  });

  it('ignores blank lines', () => {
    expect(parseInput('   ')).toEqual({ type: 'empty' });
  });
});
