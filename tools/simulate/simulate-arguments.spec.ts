import { describe, expect, it } from 'vitest';
import { parseSimulateArguments, usage, UsageError } from './simulate-arguments';

describe('parseSimulateArguments', () => {
  it('reads the mode and every option', () => {
    expect(
      parseSimulateArguments([
        'storm',
        '--target',
        'http://127.0.0.1:4000',
        '--count',
        '25',
        '--seed',
        'abc',
        '--livechat-secret',
        'lc-secret',
        '--ringcentral-token',
        'rc-token',
      ]),
    ).toEqual({
      help: false,
      mode: 'storm',
      target: 'http://127.0.0.1:4000',
      count: 25,
      seed: 'abc',
      livechatSecret: 'lc-secret',
      ringcentralToken: 'rc-token',
    });
    expect(parseSimulateArguments(['chat'])).toMatchObject({ help: false, mode: 'chat', count: undefined });
  });

  it('answers --help and -h without a mode', () => {
    expect(parseSimulateArguments(['--help'])).toEqual({ help: true });
    expect(parseSimulateArguments(['storm', '-h'])).toEqual({ help: true });
    expect(usage()).toMatch(/chat[\s\S]*call[\s\S]*both[\s\S]*storm[\s\S]*presence/);
  });

  it('lines the mode descriptions up after the longest mode name', () => {
    const modeLines = usage()
      .split('\n')
      .filter((line) => /^ {2}(chat|call|both|storm|presence) /.test(line));
    expect(modeLines).toHaveLength(5);
    expect(new Set(modeLines.map((line) => /^ {2}\S+ +/.exec(line)?.[0].length)).size).toBe(1);
  });

  it.each([
    [[], /Which mode/],
    [['typing'], /Unknown mode "typing"/],
    [['chat', 'call'], /Unexpected argument "call"/],
    [['chat', '--count', '0'], /--count/],
    [['chat', '--count', '2.5'], /--count/],
    [['chat', '--target', 'localhost:3000'], /--target/],
    [['chat', '--verbose'], /verbose/],
  ])('rejects %j with a UsageError', (args, message) => {
    expect(() => parseSimulateArguments(args)).toThrow(UsageError);
    expect(() => parseSimulateArguments(args)).toThrow(message);
  });
});
