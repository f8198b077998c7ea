/**
 * The benchmark: `npm run bench -- --reports 10,100,1000 [--runs 3] [--no-pdf] [--no-refs] [--json file]`,
 * or one county's portal: `npm run bench -- --county 50x10` (50 issuers × 10 years; see corpus.ts),
 * which also reports the size of the home, issuer and metrics pages.
 * For each N it writes a synthetic corpus (scripts/lib/corpus.ts) into a temporary folder and
 * builds it in a child process: cold (no cache, no dist/), then a no-op rebuild, then a rebuild
 * after one section of one report was edited, each `--runs` times; it times every stage and the
 * whole, samples the peak memory of the build and its browser, and prints medians. Where pandoc
 * and Hugo are installed it times them on the same Markdown, in the same run, and prints ratios,
 * with what pandoc's processes used and what new memory costs here (lib/memory-cost.ts).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCorpus } from './lib/corpus.ts';
import { timeHugo, timePandoc, toolVersion } from './lib/outside-refs.ts';
import { watchPeakMemory, type PeakMemory } from './lib/peak-memory.ts';
import { firstWriteMicros, inChildren, type ChildrenUsage } from './lib/memory-cost.ts';
import { median, ms, ratio, secs, table } from './lib/stats.ts';
import { printerDescription } from './lib/printer.ts';
import { utilisation } from '../src/build/cpu-time.ts';
import { PRINT_STEP_LABELS, PRINT_STEPS } from '../src/pdf/print-timeline.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '10,100,1000' },
    runs: { type: 'string', default: '3' },
    /** Cold builds of 1,000 reports take minutes each: they can have fewer runs than the rest. */
    'cold-runs': { type: 'string' },
    'no-pdf': { type: 'boolean', default: false },
    'no-refs': { type: 'boolean', default: false },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    county: { type: 'string' },
  },
});
const county = values.county ? /^(\d+)x(\d+)$/.exec(values.county) : undefined;
if (values.county && !county) throw new Error(`--county 应写成 机构数x年数，如 50x10（收到“${values.county}”）`);
const countySize = county ? { issuers: Number(county[1]), years: Number(county[2]) } : undefined;
const sizes = countySize ? [0] : values.reports.split(',').map((s) => Number(s.trim()));
const runs = Math.max(1, Number(values.runs));
const coldRuns = Math.max(1, Number(values['cold-runs'] ?? runs));
if (!countySize && sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--reports 应为正整数，用逗号分隔，如 10,100,1000（收到“${values.reports}”）`);

interface BuildRun {
  ok: boolean;
  total: number;
  seconds: Record<string, number>;
  rebuilt: Record<string, string[]>;
  peak?: PeakMemory;
  error?: unknown;
}


function runBuild(project: string): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'scripts/lib/bench-build.ts'), project, ...(values['no-pdf'] ? ['--no-pdf'] : [])], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'inherit'],
      // The user's cache of cut faces (src/pdf/user-cache.ts) and the portal's compiled pages
      // (src/web/portal-bundle.ts) in the project's folder: a cold build starts without them.
      env: { ...process.env, NIANBAO_USER_CACHE: path.join(project, '.user-cache'), NIANBAO_PORTAL_BUNDLES: path.join(project, '.portal-bundles') },
    });
    // The build says `stage <id>` as each stage starts (bench-build.ts): each sample is put down to the stage running.
    let stageNow = 'start';
    const peak = watchPeakMemory(child.pid!, () => stageNow);
    let out = '';
    let seen = 0;
    child.stdout.on('data', (d) => {
      out += d;
      const lines = out.split('\n');
      for (const line of lines.slice(seen, -1)) stageNow = /^stage (\S+)$/.exec(line)?.[1] ?? stageNow;
      seen = lines.length - 1;
    });
    child.on('error', reject);
    child.on('close', () => {
      const last = out.trim().split('\n').pop() ?? '{}';
      const run = JSON.parse(last) as BuildRun;
      run.peak = peak.stop();
      if (!run.ok) reject(new Error(`构建失败：${JSON.stringify(run.error ?? run)}`));
      else resolve(run);
    });
  });
}

/** One edit to one section of one report: a sentence added to its last paragraph, different each run. */
function editOneSection(project: string, n: number, run: number): string {
  const reports = path.join(project, 'content/reports');
  const slugs = readdirSync(reports).sort();
  const slug = slugs[Math.floor(slugs.length / 2)]!;
  const section = readdirSync(path.join(reports, slug)).filter((f) => f.endsWith('.md')).sort()[0]!;
  appendFileSync(path.join(reports, slug, section), `\n第${run + 1}次修改：补充说明本节情况。\n`);
  return `${slug}/${section}（共 ${n} 份）`;
}

const progress = (m: string) => process.stderr.write(`${m}\n`);
const stage = (r: BuildRun, id: string) => r.seconds[id] ?? 0;
/** The portal's pages: the web stage (the search index runs beside the stages after it, and has its own column). */
const html = (r: BuildRun) => stage(r, 'web');
const mb = (b?: number) => (b ? `${Math.round(b / 1024 / 1024)} MB` : '—');
/** The processes holding a peak, largest first: `node 900 MB，chromium renderer 600 MB…`. */
const holders = (byKind: Record<string, number>) =>
  Object.entries(byKind)
    .sort(([, a], [, b]) => b - a)
    .filter(([, b]) => b >= 10 * 1024 * 1024)
    .map(([kind, b]) => `${kind} ${mb(b)}`)
    .join('，');
const highest = (list: BuildRun[]) => list.reduce<BuildRun | undefined>((a, x) => ((x.peak?.bytes ?? 0) > (a?.peak?.bytes ?? 0) ? x : a), undefined)?.peak;

const pandoc = values['no-refs'] ? undefined : toolVersion('pandoc');
const hugo = values['no-refs'] ? undefined : toolVersion('hugo', ['version']);
const load0 = os.loadavg();
// What a fresh process pays for its memory here: the references start one per report (pandoc) or per build (Hugo).
const firstWrite = firstWriteMicros();
const machine = `${os.cpus()[0]?.model ?? '?'}，${os.availableParallelism()} 核，内存 ${Math.round(os.totalmem() / 1024 ** 3)} GB，${os.type()} ${os.release()}，Node ${process.versions.node}${firstWrite ? `，第一次写一页新内存约 ${firstWrite.micros.toFixed(1)} 微秒` : ''}`;
progress(`机器：${machine}；开始时负载 ${load0.map((l) => l.toFixed(2)).join(' ')}`);
if (values['no-refs']) progress('对照：按 --no-refs 不计时 pandoc 和 hugo');
else progress(`对照：${pandoc ?? '未安装 pandoc（apt-get install pandoc），跳过'}；${hugo ? hugo.split(' ').slice(0, 2).join(' ') : '未安装 hugo（apt-get install hugo），跳过'}`);

interface SizeResult {
  n: number;
  cold: BuildRun[];
  noop: BuildRun[];
  edit: BuildRun[];
  pandoc: number[];
  /** What the pandoc processes of each timing used, all together. */
  pandocUsage: ChildrenUsage[];
  hugo: number[];
}
const results: SizeResult[] = [];

/** Bytes of the portal's list pages after a build: home, issuer pages (largest and median), metrics pages. */
function pageSizes(dist: string): string {
  const size = (rel: string) => statSync(path.join(dist, rel)).size;
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const under = (folder: string) =>
    existsSync(path.join(dist, folder))
      ? readdirSync(path.join(dist, folder), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => size(`${folder}/${d.name}/index.html`))
          .sort((a, b) => a - b)
      : [];
  const issuers = under('issuers');
  // Each type's list of series, and its series pages (one issuer's figures over the years).
  const metrics = readdirSync(path.join(dist, 'metrics')).map((t) => {
    const series = under(`metrics/${t}`);
    return `${t} ${kb(size(`metrics/${t}/index.html`))}${series.length ? `（${series.length} 个机构页，中位 ${kb(median(series))}，最大 ${kb(series.at(-1)!)}）` : ''}`;
  });
  const kinds = under('kinds');
  return [
    `首页 ${kb(size('index.html'))}`,
    issuers.length ? `机构页 ${issuers.length} 个，中位 ${kb(median(issuers))}，最大 ${kb(issuers.at(-1)!)}` : '无机构页',
    kinds.length ? `类别页最大 ${kb(kinds.at(-1)!)}` : '',
    `历年数据页：${metrics.join('，')}`,
  ].filter(Boolean).join('；');
}

const STAGE_NAMES: Record<string, string> = { docx: 'DOCX', web: 'HTML+搜索', pdf: 'PDF', ofd: 'OFD', manifest: '清单' };
/** The stages (and the search index inside the portal's) as the memory sampler tells them apart, in build order. */
const MEMORY_STAGES: Record<string, string> = { start: '启动', load: '读取+检查', docx: 'DOCX', web: 'HTML', 'web.search': 'HTML 之后、PDF 之前的搜索索引', pdf: 'PDF', ofd: 'OFD', manifest: '清单+发布', end: '结束' };
const percent = (x: number) => `${Math.round(x * 100)}%`;
const printer = printerDescription();
progress(`打印：${printer}`);

const pageReports: string[] = [];
for (const n0 of sizes) {
  const project = mkdtempSync(path.join(os.tmpdir(), `nianbao-bench-${countySize ? values.county : n0}-`));
  const n = writeCorpus(project, countySize ? { county: countySize } : { reports: n0 }).length;
  const r: SizeResult = { n, cold: [], noop: [], edit: [], pandoc: [], pandocUsage: [], hugo: [] };
  if (countySize) progress(`一个县：${countySize.issuers} 个发布机构 × ${countySize.years} 年，共 ${n} 份报告`);
  try {
    for (let i = 0; i < coldRuns; i++) {
      rmSync(path.join(project, 'dist'), { recursive: true, force: true });
      rmSync(path.join(project, '.cache'), { recursive: true, force: true });
      rmSync(path.join(project, '.user-cache'), { recursive: true, force: true });
      rmSync(path.join(project, '.portal-bundles'), { recursive: true, force: true });
      const run = await runBuild(project);
      r.cold.push(run);
      const at = run.peak ? `（${MEMORY_STAGES[run.peak.stage] ?? run.peak.stage}：${holders(run.peak.byKind)}）` : '';
      progress(`N=${n} 冷构建 ${i + 1}/${coldRuns}：${secs(run.total)} 秒，峰值 ${mb(run.peak?.bytes)}${at}`);
    }
    const sizesLine = `N=${n} 页面大小：${pageSizes(path.join(project, 'dist'))}`;
    pageReports.push(sizesLine);
    progress(sizesLine);
    for (let i = 0; i < runs; i++) {
      const run = await runBuild(project);
      r.noop.push(run);
      // Someone editing nianbao's own code mid-run changes the tool version, and with it every key.
      const redone = Object.values(run.rebuilt).reduce((s, v) => s + v.length, 0);
      progress(`N=${n} 无改动重建 ${i + 1}/${runs}：${secs(run.total)} 秒${redone ? `（注意：重新生成了 ${redone} 个文件，nianbao 的代码在运行中被改动过？）` : ''}`);
    }
    for (let i = 0; i < runs; i++) {
      const edited = editOneSection(project, n, i);
      const run = await runBuild(project);
      r.edit.push(run);
      const counts = Object.entries(run.rebuilt).map(([k, v]) => `${k} ${v.length}`).join('，') || '无';
      progress(`N=${n} 改一节（${edited}）后重建 ${i + 1}/${runs}：${secs(run.total)} 秒，重新生成：${counts}`);
    }
    for (let i = 0; i < coldRuns; i++) {
      if (pandoc) {
        const timed = inChildren(() => timePandoc(path.join(project, 'content'), path.join(project, 'pandoc')));
        r.pandoc.push(timed.value);
        if (timed.usage) r.pandocUsage.push(timed.usage);
      }
      if (hugo) r.hugo.push(timeHugo(path.join(project, 'content'), path.join(project, 'hugo')));
    }
    if (pandoc || hugo) progress(`N=${n} 对照：pandoc ${secs(median(r.pandoc))} 秒，hugo ${secs(median(r.hugo))} 秒`);
  } finally {
    if (!values.keep) rmSync(project, { recursive: true, force: true });
    else progress(`保留了 ${project}`);
  }
  results.push(r);
}

const m = (list: BuildRun[], f: (r: BuildRun) => number) => median(list.map(f));
const perReport = (r: SizeResult) => m(r.cold, (x) => x.total) / r.n;
const load1 = os.loadavg();

const out: string[] = [];
out.push(`机器：${machine}`);
out.push(`打印：${printer}`);
out.push(`负载（1/5/15 分钟）：开始 ${load0.map((l) => l.toFixed(2)).join(' ')}，结束 ${load1.map((l) => l.toFixed(2)).join(' ')}；冷构建为 ${coldRuns} 次、其余为 ${runs} 次的中位数（秒）${values['no-pdf'] ? '；未生成 PDF' : ''}`);
out.push('', '冷构建（无缓存、无 dist/）各阶段：');
out.push(
  table(
    ['N', '读取+检查', 'HTML', '搜索索引', 'DOCX', 'PDF', 'OFD', '清单', '合计', '每份报告', '峰值内存'],
    results.map((r) => [
      String(r.n),
      secs(m(r.cold, (x) => stage(x, 'load'))),
      secs(m(r.cold, html)),
      secs(m(r.cold, (x) => stage(x, 'search'))),
      secs(m(r.cold, (x) => stage(x, 'docx'))),
      values['no-pdf'] ? '—' : secs(m(r.cold, (x) => stage(x, 'pdf'))),
      values['no-pdf'] ? '—' : secs(m(r.cold, (x) => stage(x, 'ofd'))),
      secs(m(r.cold, (x) => stage(x, 'manifest'))),
      secs(m(r.cold, (x) => x.total)),
      `${ms(perReport(r))} ms`,
      mb(highest(r.cold)?.bytes),
    ]),
  ),
);
out.push('', '冷构建峰值内存按阶段（各阶段运行时构建进程树 PSS 之和的最高值；工作线程算在 node 里）：');
const memoryStages = Object.keys(MEMORY_STAGES).filter((id) => results.some((r) => highest(r.cold)?.byStage[id]));
out.push(
  table(
    ['N', ...memoryStages.map((id) => MEMORY_STAGES[id]!), '峰值所在阶段'],
    results.map((r) => {
      const p = highest(r.cold);
      return [String(r.n), ...memoryStages.map((id) => mb(p?.byStage[id]?.bytes)), p ? MEMORY_STAGES[p.stage] ?? p.stage : '—'];
    }),
  ),
);
for (const r of results) {
  const p = highest(r.cold);
  if (!p) continue;
  out.push(`N=${r.n} 峰值 ${mb(p.bytes)} 时各进程：${holders(p.byKind)}`);
  for (const id of memoryStages) if (p.byStage[id] && id !== p.stage) out.push(`  ${MEMORY_STAGES[id]} 阶段最高 ${mb(p.byStage[id]!.bytes)}：${holders(p.byStage[id]!.byKind)}`);
}
const stageIds = ['load', 'docx', 'web', 'pdf', 'ofd', 'manifest'].filter((id) => !((id === 'pdf' || id === 'ofd') && values['no-pdf']));
const cores = os.availableParallelism();
out.push('', `冷构建各阶段的 CPU 占用：构建进程树的 CPU 时间 ÷（用时 × ${cores} 核），括号里是同一段时间整台机器的占用：`);
out.push(
  table(
    ['N', ...stageIds.filter((id) => id !== 'load').map((id) => STAGE_NAMES[id]!)],
    results.map((r) => [
      String(r.n),
      ...stageIds.filter((id) => id !== 'load').map((id) => `${percent(m(r.cold, (x) => utilisation(stage(x, `${id}.cpu`), stage(x, id), cores)))}（${percent(m(r.cold, (x) => stage(x, `${id}.machine`)))}）`),
    ]),
  ),
);
if (!values['no-pdf']) {
  out.push('', `PDF 阶段每份报告的时间分布（冷构建，各标签页同时打印，秒数之和 ÷ N）：`);
  out.push(
    table(
      ['N', ...PRINT_STEPS.map((s) => PRINT_STEP_LABELS[s])],
      results.map((r) => [String(r.n), ...PRINT_STEPS.map((s) => `${ms(m(r.cold, (x) => stage(x, `pdf.${s}`)) / r.n)} ms`)]),
    ),
  );
}
out.push('', '增量构建：');
out.push(
  table(
    ['N', '无改动重建', '其中读取', '改一节后重建', '其中读取', '改一节后重新生成的文件'],
    results.map((r) => {
      const last = r.edit[r.edit.length - 1];
      const rebuilt = last ? Object.entries(last.rebuilt).map(([k, v]) => `${k.toUpperCase()} ${v.length}`).join('，') || '无' : '—';
      return [String(r.n), secs(m(r.noop, (x) => x.total)), secs(m(r.noop, (x) => stage(x, 'load'))), secs(m(r.edit, (x) => x.total)), secs(m(r.edit, (x) => stage(x, 'load'))), rebuilt];
    }),
  ),
);
const EDIT_PARTS: [string, string][] = [['load', '读取+检查'], ['docx', 'DOCX'], ['web', 'HTML'], ['search', '搜索索引（同时进行）'], ['pdf', 'PDF'], ['ofd', 'OFD'], ['beside', '等搜索索引'], ['manifest', '清单'], ['publish', '发布']];
out.push('', '改一节后重建的各部分（秒，中位数；搜索索引与 PDF、OFD 同时进行，不单独计入合计）：');
out.push(table(['N', ...EDIT_PARTS.map(([, label]) => label), '合计'], results.map((r) => [String(r.n), ...EDIT_PARTS.map(([id]) => secs(m(r.edit, (x) => stage(x, id)))), secs(m(r.edit, (x) => x.total))])));
if (pandoc || hugo) {
  out.push('', `对照（同一台机器、同一次运行）：${[pandoc, hugo && hugo.split(' ').slice(0, 2).join(' ')].filter(Boolean).join('；')}`);
  out.push(
    table(
      ['N', 'nianbao DOCX 每份', 'pandoc 每份', 'pandoc ÷ nianbao', 'nianbao HTML', 'hugo', 'nianbao ÷ hugo'],
      results.map((r) => {
        const docx = m(r.cold, (x) => stage(x, 'docx')) / r.n;
        const pd = median(r.pandoc) / r.n;
        const h = m(r.cold, html);
        return [String(r.n), `${ms(docx)} ms`, pandoc ? `${ms(pd)} ms` : '—', pandoc ? ratio(pd / docx) : '—', secs(h), hugo ? secs(median(r.hugo)) : '—', hugo ? ratio(h / median(r.hugo)) : '—'];
      }),
    ),
  );
  // The ratio to pandoc moves with what new memory costs here: each pandoc process pays for its own.
  const perRun = results.filter((r) => r.pandocUsage.length);
  if (perRun.length) {
    const each = perRun.map((r) => {
      const faults = median(r.pandocUsage.map((u) => u.faults)) / r.n;
      const cpu = median(r.pandocUsage.map((u) => u.cpu)) / r.n;
      return `N=${r.n} CPU ${ms(cpu)} ms、缺页 ${Math.round(faults)} 次${firstWrite ? `（约 ${ms((faults * firstWrite.micros) / 1e6)} ms）` : ''}`;
    });
    out.push(`pandoc 每份（每份一个新进程）：${each.join('；')}${firstWrite ? `；这台机器第一次写一页新内存约 ${firstWrite.micros.toFixed(1)} 微秒，新进程越贵，pandoc 越慢，倍数随机器而变` : ''}。`);
  }
}
const base = results.find((r) => r.n === 100);
if (base) {
  out.push('', '线性：每份报告的成本相对 N=100：' + results.map((r) => `N=${r.n} ${ratio(perReport(r) / perReport(base))}`).join('，'));
}
if (pageReports.length) out.push('', '页面大小（冷构建后）：', ...pageReports);
console.log(out.join('\n'));
if (values.json) writeFileSync(values.json, JSON.stringify({ machine, firstWrite, load: [load0, load1], runs, coldRuns, pdf: !values['no-pdf'], pandoc, hugo, results }, null, 1));
