/** The middle value (the upper middle for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The growth exponent k of time ≈ c·n^k: least squares on log n, log t. 1 is linear, 2 quadratic.
 * Points with a time of 0 are left out (no logarithm).
 */
export function growthExponent(points: readonly { n: number; ms: number }[]): number {
  const xs = points.filter((p) => p.ms > 0).map((p) => [Math.log(p.n), Math.log(p.ms)] as const);
  const mx = xs.reduce((a, [x]) => a + x, 0) / xs.length;
  const my = xs.reduce((a, [, y]) => a + y, 0) / xs.length;
  const sxy = xs.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = xs.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/** Milliseconds `fn` takes, median of `runs`; `fn` gets the run index so each run can use fresh input. */
export function timeMedian(runs: number, fn: (run: number) => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}
