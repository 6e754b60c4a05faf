// Small seeded PRNG (sfc32) so that a dataset is a pure function of its seed; Math.random is never used.

/** Mixes any number of 32-bit integers into one well-spread 32-bit value (murmur3 finaliser per step). */
function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream identified by its parts, e.g. (seed, orgId, stream number). */
  constructor(...parts: number[]) {
    this.a = hashSeed(...parts, 1);
    this.b = hashSeed(...parts, 2);
    this.c = hashSeed(...parts, 3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [lo, hi], both inclusive. */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Approximately normal (sum of three uniforms), mean 0, sd 1. */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }

  /** k distinct items in random order (k ≤ items.length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    for (let i = 0; i < k && copy.length > 0; i++) {
      const j = this.int(copy.length);
      out.push(copy[j] as T);
      copy[j] = copy[copy.length - 1] as T;
      copy.pop();
    }
    return out;
  }
}

/** Cumulative weights for `pickIndex`, normalised to end at 1. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  for (const w of weights) total += w;
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += (weights[i] as number) / total;
    out[i] = acc;
  }
  out[weights.length - 1] = 1;
  return out;
}

/** Index drawn by a cumulative table (linear scan: the tables are short). */
export function pickIndex(cum: Float64Array, r: number): number {
  const n = cum.length - 1;
  let i = 0;
  while (i < n && r >= (cum[i] as number)) i++;
  return i;
}
