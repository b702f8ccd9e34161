/**
 * A small seeded random source for the scale fixture: the same seed gives the same library, byte
 * for byte, on every machine (Math.random and crypto.randomUUID cannot be seeded).
 */

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 32-bit state words. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream for the given numbers (e.g. the --seed and a project's index): each tuple its own. */
  constructor(...keys: number[]) {
    // splitmix32 over the keys gives four well-mixed state words.
    let h = 0x9e3779b9;
    const mix = () => {
      h = (h + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (const key of keys) h = (Math.imul(h ^ (key >>> 0), 0x01000193) + Math.floor(key / 2 ** 32)) | 0;
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** A version-4 UUID (as crypto.randomUUID makes them), from this stream. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const w0 = hex(this.u32());
    const w1 = hex(((this.u32() & 0xffff0fff) | 0x00004000) >>> 0);
    const w2 = hex(((this.u32() & 0x3fffffff) | 0x80000000) >>> 0);
    const w3 = hex(this.u32());
    return `${w0}-${w1.slice(0, 4)}-${w1.slice(4)}-${w2.slice(0, 4)}-${w2.slice(4)}${w3}`;
  }
}
