/**
 * Splitting the per-report outputs (PDF, DOCX) over CI runners: `--shard 2/3` makes the files of
 * every third report, counted in slug order from the second. The split depends only on the
 * slugs, so every runner of a matrix agrees on it without talking to the others.
 */
import type { ReportModel } from '../content/index.ts';

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

export function parseShard(text: string): { ok: true; shard: Shard } | { ok: false; message: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    return { ok: false, message: `分片“${text}”的写法不对：应写成 序号/总数，如 1/2、2/2（序号从 1 到总数）。` };
  }
  return { ok: true, shard: { index, count } };
}

/** The reports whose files this shard makes, in the model's order. */
export function reportsOfShard(reports: readonly ReportModel[], shard: Shard | undefined): ReportModel[] {
  if (!shard || shard.count === 1) return [...reports];
  const slugs = reports.map((r) => r.slug).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mine = new Set(slugs.filter((_, i) => i % shard.count === shard.index - 1));
  return reports.filter((r) => mine.has(r.slug));
}
