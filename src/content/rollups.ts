/**
 * The county roll-up: a report declares (report.yaml `rollup:`) that some of its tables are the
 * sum, cell by cell, over a set of issuers' reports of the same year and type. Checked once here,
 * across reports; the breakdown by issuer is kept in the model for the portal and the data files.
 * A “/” cell is never counted as 0: it is left out of the sum and shown as “/”; a report that
 * writes “/” where some issuer has a number (or a number where every issuer wrote “/”) is wrong.
 */
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.ts';
import type { Issuer } from '../schema/issuer.ts';
import { ISSUER_KIND_LABELS } from '../schema/issuer.ts';
import type { Rollup } from '../schema/rollup.ts';
import type { Template } from '../schema/template.ts';
import { unknownIssuer, type IssuerDirectory } from './issuers.ts';
import type { ReportModel, RollupCell, RollupModel } from './model.ts';
import { metricValues, type MetricValue } from './metric-values.ts';

/** What one report's declarations can be checked against on their own: its template's tables and the issuer ids. */
export function checkRollupDeclarations(
  rollups: readonly Rollup[],
  template: Template,
  issuers: IssuerDirectory,
  at: (index: number, ...key: (string | number)[]) => SourcePosition,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  rollups.forEach((r, i) => {
    r.tables.forEach((id, t) => {
      if (!template.tables.some((x) => x.id === id)) {
        out.push(
          diag('error', 'rollup.unknown-table', at(i, 'tables', t), `汇总声明里的表格 ${id} 不是「${template.name}」的表格。`, {
            hint: template.tables.length ? `可用的表格：${template.tables.map((x) => `${x.id}（${x.title}）`).join('、')}` : '这个报告类型没有表格，不能声明汇总。',
            value: id,
          }),
        );
      }
    });
    for (const key of ['ids', 'exclude'] as const) {
      r.issuers[key].forEach((id, j) => {
        if (!issuers.byId.has(id)) out.push({ ...unknownIssuer(id, issuers, at(i, 'issuers', key, j)), rule: 'rollup.unknown-issuer' });
      });
    }
    if (r.issuers.kinds.length === 0 && r.issuers.ids.length === 0) {
      out.push(
        diag('error', 'rollup.no-issuers', at(i, 'issuers'), '汇总声明没有选中任何发布机构。', {
          hint: '写 kinds（如 [department, township]）或 ids（机构编号列表），或两者都写。',
        }),
      );
    }
  });
  return out;
}

const round = (n: number) => Number(n.toFixed(6));
const show = (v: number | null) => (v === null ? '/' : String(v));
const cellValue = (v: MetricValue | undefined): number | null | undefined =>
  v === undefined ? undefined : v.kind === 'na' ? null : v.kind === 'exact' ? v.number : undefined;

/** The issuers a declaration selects, in issuers.yaml order; never the declaring report's own issuer. */
export function selectIssuers(rollup: Rollup, issuers: readonly Issuer[], own: string): Issuer[] {
  return issuers.filter(
    (i) => i.id !== own && !rollup.issuers.exclude.includes(i.id) && (rollup.issuers.kinds.includes(i.kind) || rollup.issuers.ids.includes(i.id)),
  );
}

/**
 * Checks every declared roll-up and fills `report.rollups`. `reports` are all loaded reports
 * (drafts too: a county report is compiled from the departments' figures whether or not they are
 * out yet); `unloaded` are issuer ids whose report of some year and type exists but did not load
 * (their own errors are reported already, so they are not called missing).
 */
export function checkRollups(reports: readonly ReportModel[], issuers: readonly Issuer[], unloaded: ReadonlySet<string> = new Set()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const key = (issuer: string, year: number, type: string) => `${issuer}\0${year}\0${type}`;
  const byKey = new Map<string, ReportModel[]>();
  for (const r of reports) {
    const k = key(r.issuer.id, r.meta.year, r.meta.type);
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  for (const report of reports) {
    report.rollups = [];
    report.meta.rollup.forEach((declaration, i) => {
      const at = report.metaAt.rollup[i] ?? report.metaAt.issuer;
      const selected = selectIssuers(declaration, issuers, report.issuer.id);
      if (selected.length === 0 && (declaration.issuers.kinds.length || declaration.issuers.ids.length)) {
        out.push(diag('error', 'rollup.no-issuers', at, '汇总声明按所写的条件选不出任何发布机构。', { hint: '检查 kinds、ids 和 exclude，以及 issuers.yaml 里各机构的 kind。' }));
      }
      const parts: { issuer: Issuer; report: ReportModel }[] = [];
      let complete = true;
      for (const issuer of selected) {
        const k = key(issuer.id, report.meta.year, report.meta.type);
        const found = byKey.get(k) ?? [];
        if (found.length === 1) parts.push({ issuer, report: found[0]! });
        else if (found.length === 0) {
          complete = false;
          if (unloaded.has(k)) continue;
          out.push(
            diag('error', 'rollup.missing-report', at, `汇总声明选中了「${issuer.name}」（${issuer.id}，${ISSUER_KIND_LABELS[issuer.kind]}），但它没有 ${report.meta.year} 年度的${report.template.name}。`, {
              hint: `补上它的报告（issuer: ${issuer.id}，year: ${report.meta.year}，type: ${report.meta.type}），或者把它写进这条汇总声明的 exclude。`,
              value: issuer.id,
            }),
          );
        } else {
          complete = false;
          out.push(
            diag('error', 'rollup.ambiguous', at, `「${issuer.name}」有 ${found.length} 份 ${report.meta.year} 年度的${report.template.name}（${found.map((r) => r.slug).join('、')}），不知道汇总哪一份。`, {
              hint: '同一机构同一年度同一类型只应有一份报告；多出的那份检查一下 issuer、year 或 type。',
            }),
          );
        }
      }
      for (const tableId of declaration.tables) {
        const table = report.tables.find((t) => t.table.id === tableId);
        if (!table) continue; // an unknown table is reported with the declaration
        const model: RollupModel = { table: tableId, issuerIds: selected.map((s) => s.id), cells: [] };
        if (declaration.description) model.description = declaration.description;
        for (const row of table.table.rows) {
          const ids = table.cells[row.id];
          if (!ids) continue;
          ids.forEach((metricId, c) => {
            const own = report.metrics[metricId]!;
            const total = cellValue(own.value) ?? null;
            const cell: RollupCell = { metricId, total, sum: null, parts: [] };
            const missingCell: string[] = [];
            for (const p of parts) {
              // The parts' values only: their figures stay unread (metric-values.ts).
              const v = cellValue(metricValues(p.report)[metricId]);
              if (v === undefined) missingCell.push(`${p.issuer.name}（${p.report.slug}）`);
              else cell.parts.push({ issuerId: p.issuer.id, issuerName: p.issuer.name, slug: p.report.slug, value: v });
            }
            const numbers = cell.parts.filter((p) => p.value !== null);
            cell.sum = numbers.length ? round(numbers.reduce((s, p) => s + p.value!, 0)) : null;
            model.cells.push(cell);
            const column = table.table.columns[c]!;
            const where = `${table.table.title}“${row.label}”行“${column.label}”列`;
            if (missingCell.length) {
              out.push(
                diag('error', 'rollup.missing-cell', own.source, `汇总不完整：${where}在 ${missingCell.join('、')} 的报告里没有对应的格子。`, {
                  hint: '参与汇总的报告要用同一版格式（typeVersion）。',
                }),
              );
              return;
            }
            if (!complete) return; // a missing issuer is reported once, at the declaration
            const list = cell.parts.map((p) => `${p.issuerName} ${show(p.value)}`).join('、');
            if (total === null && cell.sum !== null) {
              out.push(
                diag('error', 'rollup.na-mismatch', own.source, `汇总不符：${where}本报告写“/”（不适用），但参与汇总的机构填了数字，合计 ${cell.sum}。`, {
                  hint: `各机构的数：${list}。`,
                  value: '/',
                }),
              );
            } else if (total !== null && cell.sum === null && cell.parts.length > 0) {
              out.push(
                diag('error', 'rollup.na-mismatch', own.source, `汇总不符：${where}本报告写 ${total}，但参与汇总的机构都写“/”（不适用），没有可合计的数。`, {
                  hint: `各机构的数：${list}。本报告也应写“/”，或核对各机构的报告。`,
                  value: total,
                }),
              );
            } else if (total !== null && cell.sum !== null && round(total) !== cell.sum) {
              out.push(
                diag('error', 'rollup.mismatch', own.source, `汇总不符：${where}本报告写 ${total}，参与汇总的 ${cell.parts.length} 个机构合计 ${cell.sum}（相差 ${round(total - cell.sum)}）。`, {
                  hint: `各机构的数（“/”不计入）：${list}。`,
                  value: total,
                }),
              );
            }
          });
        }
        report.rollups.push(model);
      }
    });
  }
  return out;
}
