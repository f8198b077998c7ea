/**
 * Where one print's time goes: opening the page (navigation or swap), loading the faces, the
 * page's own preparation (links, the filing layout), Chromium's printToPDF, finishing the file
 * (metadata, ids) and writing it. Summed over a build, it tells whether the stage waits on
 * Chromium, on Node or on neither (idle cores).
 */
export const PRINT_STEPS = ['open', 'fonts', 'prepare', 'print', 'finish', 'write'] as const;
export type PrintStep = (typeof PRINT_STEPS)[number];
export type PrintTimeline = Partial<Record<PrintStep, number>>;

export const PRINT_STEP_LABELS: Record<PrintStep, string> = {
  open: '打开页面',
  fonts: '加载字体',
  prepare: '排版准备',
  print: 'Chromium 打印',
  finish: '整理 PDF',
  write: '写入文件',
};

/** Adds the seconds since `since` to `step` and returns now, for the next step. */
export function lap(timeline: PrintTimeline | undefined, step: PrintStep, since: number): number {
  const now = performance.now();
  if (timeline) timeline[step] = (timeline[step] ?? 0) + (now - since) / 1000;
  return now;
}

/** `打开页面 0.05 秒，加载字体 0.01 秒，…` for the build log; steps that took no time are left out. */
export function describeTimeline(timeline: PrintTimeline): string {
  return PRINT_STEPS.filter((s) => (timeline[s] ?? 0) >= 0.005)
    .map((s) => `${PRINT_STEP_LABELS[s]} ${timeline[s]!.toFixed(2)} 秒`)
    .join('，');
}
