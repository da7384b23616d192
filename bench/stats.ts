/** Median and 95th percentile (nearest rank) of repeated runs, in milliseconds. */
export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  /**
   * Median CPU time of this process per run (user + system). Beside the
   * wall-clock figures it shows how much of a slow run was waiting for a
   * core on a shared machine rather than work.
   */
  cpuMedian?: number;
}

const round = (v: number) => Math.round(v * 100) / 100;

function median(sorted: number[]): number {
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
}

export function summarise(samples: number[], cpuSamples?: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => s[Math.max(0, Math.ceil(q * s.length) - 1)];
  const out: Summary = { runs: s.length, median: round(median(s)), p95: round(rank(0.95)), min: round(s[0]), max: round(s[s.length - 1]) };
  if (cpuSamples?.length) out.cpuMedian = round(median([...cpuSamples].sort((a, b) => a - b)));
  return out;
}

/**
 * Times `fn` `runs` times after `warmup` untimed runs (wall clock and CPU).
 * `setup`, if given, runs untimed before every run, warm-ups included (a
 * fresh target folder, removing the previous output). A slow operation stops
 * early once `budgetMs` is spent, after at least 5 runs.
 */
export async function timeRuns(
  runs: number,
  fn: (i: number) => unknown,
  { setup, warmup = 1, budgetMs = 30_000 }: { setup?: (i: number) => unknown; warmup?: number; budgetMs?: number } = {},
): Promise<Summary> {
  for (let i = 0; i < warmup; i++) {
    await setup?.(-1 - i);
    await fn(-1 - i);
  }
  const samples: number[] = [];
  const cpu: number[] = [];
  const began = performance.now();
  for (let i = 0; i < runs; i++) {
    if (i >= 5 && performance.now() - began > budgetMs) break;
    await setup?.(i);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return summarise(samples, cpu);
}
