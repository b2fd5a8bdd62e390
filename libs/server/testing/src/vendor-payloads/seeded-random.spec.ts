import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';

const draws = (random: SeededRandom) => Array.from({ length: 50 }, () => random.fraction());

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    expect(draws(new SeededRandom('a'))).toEqual(draws(new SeededRandom('a')));
    expect(draws(new SeededRandom('a'))).not.toEqual(draws(new SeededRandom('b')));
  });

  it('stays in range, reaching both ends', () => {
    const random = new SeededRandom('range');
    const values = new Set(Array.from({ length: 500 }, () => random.integer(1, 3)));
    expect([...values].sort()).toEqual([1, 2, 3]);
    expect(draws(random).every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('shuffles into a permutation without touching the input', () => {
    const items = Array.from({ length: 20 }, (_, index) => index);
    const shuffled = new SeededRandom('shuffle').shuffled(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(items[0]).toBe(0);
  });

  it('makes version-4 UUIDs and ids from an alphabet', () => {
    const random = new SeededRandom('ids');
    expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(random.characters('AB', 12)).toMatch(/^[AB]{12}$/);
    expect(random.digits(6)).toMatch(/^\d{6}$/);
  });

  it('gives every fresh seed 128 bits', () => {
    expect(SeededRandom.freshSeed()).toMatch(/^[0-9a-f]{32}$/);
    expect(SeededRandom.freshSeed()).not.toBe(SeededRandom.freshSeed());
  });
});
