/** A seeded random source: the demo must be identical for a seed on every machine, so no Math.random. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  normal(mean?: number, sd?: number): number;
  /** Log-normal with the given median and log-scale standard deviation. */
  logNormal(median: number, sigma: number): number;
  /** Lower-case hexadecimal string of the given length. */
  hex(length: number): string;
  shuffle<T>(items: readonly T[]): T[];
  /** An independent stream, so adding draws in one part of the generator leaves the others unchanged. */
  fork(label: string): Random;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

// cyrb128: spreads a string into four 32-bit words to seed sfc32.
function hashToState(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(state: [number, number, number, number]): () => number {
  let [a, b, c, d] = state;
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number | string): Random {
  return fromKey(`partner-nps-demo:${seed}`);
}

function fromKey(key: string): Random {
  const raw = sfc32(hashToState(key));
  // Warm up: the first outputs of sfc32 still show the seed's structure.
  for (let i = 0; i < 12; i++) raw();
  let spareNormal: number | null = null;

  const random: Random = {
    next: raw,
    int(min, max) {
      return min + Math.floor(raw() * (max - min + 1));
    },
    between(min, max) {
      return min + raw() * (max - min);
    },
    chance(probability) {
      return raw() < probability;
    },
    pick(items) {
      if (items.length === 0) throw new Error("Cannot pick from an empty list");
      return items[Math.floor(raw() * items.length)]!;
    },
    weighted(entries) {
      let total = 0;
      for (const [, weight] of entries) total += weight;
      let roll = raw() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error("Cannot pick from an empty list");
      return last[0];
    },
    normal(mean = 0, sd = 1) {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return mean + sd * value;
      }
      // Box–Muller; 1 − u keeps the logarithm finite.
      const u = 1 - raw();
      const v = raw();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return mean + sd * radius * Math.cos(2 * Math.PI * v);
    },
    logNormal(median, sigma) {
      return median * Math.exp(random.normal(0, sigma));
    },
    hex(length) {
      let out = "";
      while (out.length < length) {
        const word = Math.floor(raw() * 4294967296);
        out +=
          HEX_BYTES[word >>> 24]! +
          HEX_BYTES[(word >>> 16) & 255]! +
          HEX_BYTES[(word >>> 8) & 255]! +
          HEX_BYTES[word & 255]!;
      }
      return out.length === length ? out : out.slice(0, length);
    },
    shuffle(items) {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(raw() * (i + 1));
        const held = copy[i]!;
        copy[i] = copy[j]!;
        copy[j] = held;
      }
      return copy;
    },
    fork(label) {
      return fromKey(`${key}/${label}`);
    },
  };
  return random;
}
