/** The conformance table for a terminal: 规则 | 要求 | 实测 | 结果, then where each failure is. */
import pc from 'picocolors';
import type { ConformReport } from './conform.ts';
import { STATUS_LABEL, type RuleResult, type Status } from './rules.ts';

/** Terminal columns: CJK characters and full-width forms take two. */
export const displayWidth = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);

/** Breaks `text` into pieces at most `w` columns wide. */
export function wrap(text: string, w: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const c of text) {
    if (displayWidth(line + c) > w) {
      out.push(line);
      line = c === ' ' ? '' : c;
    } else line += c;
  }
  if (line || !out.length) out.push(line);
  return out;
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

const paint: Record<Status, (s: string) => string> = { pass: pc.green, fail: (s) => pc.bold(pc.red(s)), warn: pc.yellow, na: pc.dim };

export function formatTable(results: RuleResult[], columns = process.stdout.columns || 120): string {
  const ruleW = Math.max(...results.map((r) => displayWidth(r.rule)), 4);
  const statusW = 6;
  const rest = Math.max(40, Math.min(columns, 160) - ruleW - statusW - 6);
  const expectedW = Math.floor(rest * 0.4);
  const measuredW = rest - expectedW;
  const lines = [pc.bold(`${pad('规则', ruleW)}  ${pad('要求', expectedW)}  ${pad('实测', measuredW)}  结果`), pc.dim('─'.repeat(ruleW + expectedW + measuredW + statusW + 6))];
  for (const r of results) {
    const e = wrap(r.expected, expectedW);
    const m = wrap(r.measured, measuredW);
    const n = Math.max(e.length, m.length);
    for (let i = 0; i < n; i++) {
      const status = i === 0 ? paint[r.status](STATUS_LABEL[r.status]) : '';
      lines.push(`${pad(i === 0 ? r.rule : '', ruleW)}  ${pad(e[i] ?? '', expectedW)}  ${pad(m[i] ?? '', measuredW)}  ${status}`.trimEnd());
    }
  }
  return lines.join('\n');
}

export function formatReport(report: ConformReport): string {
  const out: string[] = [];
  out.push(`${pc.bold('检查')} ${report.file}（${report.kind === 'docx' ? 'Word 文件' : 'PDF 文件'}，对照 GB/T 9704-2012《党政机关公文格式》${report.strict ? '，严格模式' : ''}）`);
  out.push(pc.dim(`测量依据：${report.measuredFrom}`));
  out.push('');
  out.push(formatTable(report.results));
  const failures = report.results.filter((r) => r.status === 'fail' && r.details.length);
  const warnings = report.results.filter((r) => r.status === 'warn' && r.details.length);
  if (failures.length || warnings.length) {
    out.push('');
    out.push(pc.bold('问题所在：'));
    for (const r of [...failures, ...warnings]) {
      out.push(`  ${paint[r.status](r.rule)}`);
      for (const d of r.details.slice(0, 12)) out.push(`    · ${d}`);
      if (r.details.length > 12) out.push(pc.dim(`    …… 另有 ${r.details.length - 12} 处（--json 列出全部）`));
    }
  }
  const count = (s: Status) => report.results.filter((r) => r.status === s).length;
  out.push('');
  const summary = `通过 ${count('pass')} 项，不通过 ${count('fail')} 项，提示 ${count('warn')} 项，不适用 ${count('na')} 项。`;
  out.push(report.ok ? pc.green(`✓ 符合公文格式。${summary}`) : pc.red(`✗ 不符合公文格式。${summary}`));
  return out.join('\n');
}

export function reportJson(report: ConformReport): object {
  return {
    file: report.file,
    kind: report.kind,
    strict: report.strict,
    ok: report.ok,
    measuredFrom: report.measuredFrom,
    rules: report.results.map((r) => ({ ...r, statusLabel: STATUS_LABEL[r.status] })),
  };
}
