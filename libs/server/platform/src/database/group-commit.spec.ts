import { describe, expect, it } from 'vitest';
import { GroupCommit, type GroupLimits } from './group-commit';

/** A group run the test finishes by hand, so what waits behind it is under the test's control. */
interface HeldRun {
  items: string[];
  finish: (outcomes?: PromiseSettledResult<string>[]) => void;
  fail: (error: unknown) => void;
}

function heldGroups(limits: GroupLimits<string>): { groups: GroupCommit<string, string>; runs: HeldRun[] } {
  const runs: HeldRun[] = [];
  const groups = new GroupCommit<string, string>(
    limits,
    (items) =>
      new Promise((resolve, reject) => {
        runs.push({
          items,
          finish: (outcomes) =>
            resolve(outcomes ?? items.map((item) => ({ status: 'fulfilled', value: item.toUpperCase() }))),
          fail: reject,
        });
      }),
  );
  return { groups, runs };
}

async function settled(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
}

describe('GroupCommit', () => {
  it('runs an item at once while a slot is free, and gathers what arrives meanwhile into the next group', async () => {
    const { groups, runs } = heldGroups({ maxInFlight: 1, maxItems: 10 });
    const results = ['a', 'b', 'c'].map((item) => groups.submit(item));
    expect(runs.map((run) => run.items)).toEqual([['a']]);

    runs[0]?.finish();
    await settled();
    expect(runs.map((run) => run.items)).toEqual([['a'], ['b', 'c']]);
    runs[1]?.finish();
    await expect(Promise.all(results)).resolves.toEqual(['A', 'B', 'C']);
  });

  it('keeps each group within the item and weight bounds, but always takes at least one item', async () => {
    const { groups, runs } = heldGroups({
      maxInFlight: 1,
      maxItems: 2,
      maxWeight: 5,
      weigh: (item) => item.length,
    });
    const results = ['first', 'a', 'b', 'c', 'toolong', 'dd', 'eee'].map((item) => groups.submit(item));
    for (let index = 0; index < 5; index++) {
      await settled();
      runs[index]?.finish();
    }
    await Promise.all(results);
    expect(runs.map((run) => run.items)).toEqual([['first'], ['a', 'b'], ['c'], ['toolong'], ['dd', 'eee']]);
  });

  it('gives each item its own outcome', async () => {
    const { groups, runs } = heldGroups({ maxInFlight: 1, maxItems: 10 });
    void groups.submit('blocker');
    const [good, bad] = [groups.submit('good'), groups.submit('bad')];
    runs[0]?.finish();
    await settled();
    const refused = new Error('refused');
    runs[1]?.finish([
      { status: 'fulfilled', value: 'stored' },
      { status: 'rejected', reason: refused },
    ]);
    await expect(good).resolves.toBe('stored');
    await expect(bad).rejects.toBe(refused);
  });

  it('fails every item of a group whose run fails, and goes on with the next group', async () => {
    const { groups, runs } = heldGroups({ maxInFlight: 1, maxItems: 10 });
    const first = groups.submit('a');
    const second = groups.submit('b');
    const down = new Error('connection refused');
    runs[0]?.fail(down);
    await expect(first).rejects.toBe(down);
    await settled();
    runs[1]?.finish();
    await expect(second).resolves.toBe('B');
  });

  it('fails an item its run gave no outcome for, rather than leaving it waiting', async () => {
    const { groups, runs } = heldGroups({ maxInFlight: 1, maxItems: 10 });
    const result = groups.submit('a');
    runs[0]?.finish([]);
    await expect(result).rejects.toThrow('no outcome');
  });

  it('runs up to maxInFlight groups at once', () => {
    const { groups, runs } = heldGroups({ maxInFlight: 2, maxItems: 10 });
    for (const item of ['a', 'b', 'c', 'd']) void groups.submit(item);
    expect(runs.map((run) => run.items)).toEqual([['a'], ['b']]);
  });
});
