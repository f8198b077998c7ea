/**
 * Settings shared by the fuzz tests (fast-check).
 *
 * Longer runs: NIANBAO_FUZZ_RUNS=20 npx vitest run tests/fuzz   (multiplies every property's runs)
 *
 * A failure prints fast-check's counterexample with its seed and path, e.g.
 *   Property failed after 17 tests { seed: -1819918769, path: "16:2:0", endOnFailure: true }
 * Replay exactly that case with
 *   NIANBAO_FUZZ_SEED=-1819918769 NIANBAO_FUZZ_PATH=16:2:0 npx vitest run tests/fuzz/<file>
 * then keep it: fix the bug and add the shrunk counterexample as a regular test (for content, a
 * case in tests/fixtures/broken/ or a unit test; see tests/fuzz/regressions.test.ts), so it runs
 * on every CI run whatever seed the fuzzers draw next time.
 */
import fc from 'fast-check';

const multiplier = Number(process.env.NIANBAO_FUZZ_RUNS ?? '1');
export const FUZZ_MULTIPLIER = Number.isFinite(multiplier) && multiplier > 0 ? multiplier : 1;

/** Runs of a property whose CI count is `runs`. */
export const scaled = (runs: number): number => Math.max(1, Math.round(runs * FUZZ_MULTIPLIER));

/** Runs per property: the number measured to fit the CI budget, times NIANBAO_FUZZ_RUNS. */
export function fuzzParameters<T>(runs: number): fc.Parameters<T> {
  const seed = process.env.NIANBAO_FUZZ_SEED;
  const replayPath = process.env.NIANBAO_FUZZ_PATH;
  return {
    numRuns: scaled(runs),
    ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
    ...(replayPath ? { path: replayPath, endOnFailure: true } : {}),
  };
}

/** Test time limit for a property with `runs` runs of about `msPerRun`, with room for a loaded machine. */
export function fuzzTimeout(runs: number, msPerRun: number): number {
  return Math.max(600_000, Math.round(runs * FUZZ_MULTIPLIER * msPerRun * 10));
}

/** Characters that break YAML, Markdown, paths and numbers in the ways editors do. */
export const NASTY = [
  ':', '：', ' ', '\u3000', '\t', '\n', '\r\n', '-', '- ', '#', '{', '}', '[', ']', ',', '，', '"', "'", '“', '”', '|', '>', '&', '*', '!',
  '%', '@', '`', '/', '\\', '..', '../', '..\\', '.', '~', '0', '1', '1,054', '三十六点五', '一千零五十四', '/', 'null', 'true', '.nan', '.inf',
  '-1', '1e309', '0x1f', ':m[', ']', ':m[tiaojieyuan]', '![x](../../x.png)', '<script>', '\u200b', '\ufeff', '\0', '中文', '娱乐老虎机',
];

export const nastyText = (maxLength = 12): fc.Arbitrary<string> =>
  fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 4, unit: 'grapheme' })), { maxLength }).map((parts) => parts.join(''));
