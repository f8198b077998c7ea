import pc from 'picocolors';
import { findTemplates, loadContent, publicationStatus, today as todayOf, type StatusRow } from '../../content/index.ts';
import { formatDiagnostic } from '../../diagnostics/print.ts';

export interface StatusOptions {
  year?: string;
  json?: boolean;
  /** YYYY-MM-DD; default NIANBAO_TODAY, else today in China. */
  today?: string;
}

const KIND: Record<StatusRow['issuer']['kind'], string> = { government: '本级政府', department: '政府部门', township: '乡镇（街道）', other: '其他' };
const STATE: Record<StatusRow['state'], string> = { published: '已发布', draft: '草稿', missing: '缺失' };

function timeliness(r: StatusRow): string {
  switch (r.timeliness) {
    case 'on-time':
      return '按期';
    case 'late':
      return `逾期 ${r.days} 天`;
    case 'overdue':
      return `已过期限 ${r.days} 天`;
    case 'not-due':
      return `未到期（还有 ${r.days} 天）`;
    default:
      return '无法定期限';
  }
}

/** Terminal columns: CJK characters take two. */
const width = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]/.test(c) ? 2 : 1), 0);
const padTo = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

/** `nianbao status [path] [--year Y] [--json] [--today D]`: exit 1 when something is late, overdue or failing. */
export function statusCommand(target: string, options: StatusOptions): number {
  const today = todayOf(options.today);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    console.error(`错误：日期“${today}”应写成 2024-02-01 的格式。`);
    return 2;
  }
  const year = options.year === undefined ? Number(today.slice(0, 4)) - 1 : Number(options.year);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    console.error(`错误：年度“${options.year}”不对，请写四位数字，如 --year 2023。`);
    return 2;
  }
  const loaded = loadContent(target, { today });
  if (!loaded.issuers) {
    for (const d of loaded.diagnostics.filter((x) => x.severity === 'error')) console.error(`${formatDiagnostic(d)}\n`);
    console.error('无法列出发布情况：先改正 issuers.yaml 的问题。');
    return 1;
  }
  const status = publicationStatus({ issuers: loaded.issuers, entries: loaded.entries, registry: findTemplates(target), year, today, settings: loaded.site?.status });
  // Problems outside any listed report (site.yaml, issuers.yaml, a report of another issuer) fail the status too.
  const listed = new Set(status.rows.map((r) => r.slug).filter(Boolean));
  const otherErrors = loaded.diagnostics.filter((d) => d.severity === 'error' && !loaded.entries.some((e) => listed.has(e.slug) && d.file.startsWith(e.file.replace(/report\.yaml$/, ''))));
  const ok = status.ok && otherErrors.length === 0;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...status, ok, otherErrors: otherErrors.length }, null, 2)}\n`);
    return ok ? 0 : 1;
  }
  const header = ['发布机构', '类别', '报告类型', '状态', '发布日期', '期限', '是否按期', '检查', '指标'];
  const table = status.rows.map((r) => [
    r.issuer.name,
    KIND[r.issuer.kind],
    r.typeName + (r.required ? '' : '（非必须）'),
    STATE[r.state],
    r.publishedAt ? `${r.publishedAt}${r.state === 'draft' ? '（拟）' : ''}` : '—',
    r.deadline?.date ?? '—',
    timeliness(r),
    r.state === 'missing' ? '—' : r.errors ? `${r.errors} 个错误` : r.warnings ? `${r.warnings} 个警告` : '通过',
    r.indicators.map((i) => `${i.label} ${i.value === null ? '—' : `${i.value}%`}${i.flagged ? `（${i.min !== undefined && i.value! < i.min ? `低于 ${i.min}%` : `高于 ${i.max}%`}）` : ''}`).join('；') || '—',
  ]);
  const widths = header.map((h, c) => Math.max(width(h), ...table.map((row) => width(row[c]!))));
  console.log(`${year} 年度报告发布情况（截至 ${today}）\n`);
  console.log(pc.bold(header.map((h, c) => padTo(h, widths[c]!)).join('  ')));
  status.rows.forEach((r, i) => {
    const line = table[i]!.map((cell, c) => padTo(cell, widths[c]!)).join('  ');
    console.log(r.problems.length ? pc.red(line) : r.indicators.some((x) => x.flagged) ? pc.yellow(line) : line);
  });
  const failing = status.rows.filter((r) => r.problems.length);
  console.log('');
  for (const r of failing) console.log(pc.red(`✗ ${r.issuer.name} ${r.typeName}：${r.problems.join('；')}${r.deadline ? `（${r.deadline.source}）` : ''}`));
  for (const r of status.rows.filter((x) => x.indicators.some((i) => i.flagged))) {
    console.log(pc.yellow(`! ${r.issuer.name}：${r.indicators.filter((i) => i.flagged).map((i) => `${i.label} ${i.value}%`).join('、')} 超出 site.yaml 设定的阈值`));
  }
  if (otherErrors.length) console.log(pc.red(`✗ 另有 ${otherErrors.length} 个检查错误不属于上表的报告，运行 nianbao check 查看。`));
  const counts = { published: 0, draft: 0, missing: 0 };
  for (const r of status.rows) counts[r.state]++;
  console.log(`${ok ? pc.green('✓') : pc.red('✗')} ${status.rows.length} 项：已发布 ${counts.published}，草稿 ${counts.draft}，缺失 ${counts.missing}；${failing.length ? `${failing.length} 项有问题` : '没有逾期或检查错误'}。`);
  return ok ? 0 : 1;
}
