import { describe, expect, it } from 'vitest';
import { ProgressLine } from './progress-line';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { written, output: { isTTY, write: (text: string) => written.push(text) } };
}

describe('ProgressLine', () => {
  it('rewrites one line in place on a terminal, and ends it when done', () => {
    const { written, output } = recorder(true);
    const progress = new ProgressLine('storm', 3, output);
    progress.update(1, false);
    progress.update(2, true);
    progress.update(3, false);
    progress.finish();
    expect(written).toEqual([
      '\r\u001b[2Kstorm: 1/3 deliveries, 0 failed',
      '\r\u001b[2Kstorm: 2/3 deliveries, 1 failed',
      '\r\u001b[2Kstorm: 3/3 deliveries, 1 failed',
      '\n',
    ]);
  });

  it('prints plain lines elsewhere, one per tenth of the way and the last', () => {
    const { written, output } = recorder(false);
    const progress = new ProgressLine('chat', 600, output);
    for (let settled = 1; settled <= 600; settled++) progress.update(settled, settled === 5);
    progress.finish();
    expect(written).toHaveLength(11);
    expect(written[0]).toBe('chat: 1/600 deliveries, 0 failed\n');
    expect(written.at(-1)).toBe('chat: 600/600 deliveries, 1 failed\n');
  });
});
