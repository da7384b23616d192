/** Median and 95th percentile (nearest rank) of repeated runs, in milliseconds. */
export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function summarise(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => s[Math.max(0, Math.ceil(q * s.length) - 1)];
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  const round = (v: number) => Math.round(v * 100) / 100;
  return { runs: s.length, median: round(mid), p95: round(rank(0.95)), min: round(s[0]), max: round(s[s.length - 1]) };
}

/** Times `fn` `runs` times after `warmup` untimed runs. */
export async function timeRuns(runs: number, fn: (i: number) => unknown, warmup = 1): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}
