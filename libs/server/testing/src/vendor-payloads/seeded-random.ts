import { createHash, randomBytes } from 'node:crypto';

/**
 * A deterministic random source: the same seed always yields the same sequence, so a scenario or a
 * storm can be generated again from the seed a failing run printed. The stream is SHA-256 in
 * counter mode, which keeps all 128 bits of a fresh seed (ids from different runs do not collide)
 * without a hand-rolled generator. Not for secrets.
 */
export class SeededRandom {
  private block: Buffer = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;

  constructor(readonly seed: string) {}

  /** A seed nobody else will pick. */
  static freshSeed(): string {
    return randomBytes(16).toString('hex');
  }

  /** Uniform in [0, 1). */
  fraction(): number {
    if (this.offset + 4 > this.block.length) {
      this.block = createHash('sha256').update(`${this.seed}\u0000${this.counter++}`).digest();
      this.offset = 0;
    }
    const value = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return value / 2 ** 32;
  }

  /** Uniform in [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.fraction() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[this.integer(0, items.length - 1)] as T;
  }

  characters(alphabet: string, length: number): string {
    return Array.from({ length }, () => alphabet.charAt(this.integer(0, alphabet.length - 1))).join('');
  }

  hex(length: number): string {
    return this.characters('0123456789abcdef', length);
  }

  digits(length: number): string {
    return this.characters('0123456789', length);
  }

  /** The RFC 4122 version-4 layout, like LiveChat's customer ids. */
  uuid(): string {
    const hex = this.hex(32);
    const variant = this.pick(['8', '9', 'a', 'b']);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  /** A Fisher–Yates shuffle into a new array. */
  shuffled<T>(items: readonly T[]): T[] {
    const result = [...items];
    for (let index = result.length - 1; index > 0; index--) {
      const other = this.integer(0, index);
      [result[index], result[other]] = [result[other] as T, result[index] as T];
    }
    return result;
  }
}
