import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.ts';
import { toMetricValue } from '../metrics/format.ts';
import type { Metric } from '../schema/metric.ts';
import { notApplicableAllowed, type Template } from '../schema/template.ts';
import { numberTextHint } from './schema-diagnostics.ts';
import type { TableModel } from './model.ts';
import type { BlankCell } from './rules.ts';
import type { SectionFile } from './section-file.ts';

export interface SectionMetrics {
  section: SectionFile;
  slug: string;
}

/** Collects every metric of a report: those written in frontmatter and the cells of template tables. */
export function collectMetrics(
  sections: SectionMetrics[],
  template: Template,
  reportFile: string,
  /** Some section file could not be read: a table not found may be in it, so its absence is not reported. */
  incomplete = false,
): {
  metrics: Record<string, Metric>;
  tables: TableModel[];
  metricIdsBySection: Map<string, string[]>;
  /** Ids that were written but could not be loaded: references to them are not reported again. */
  isFailed: (id: string) => boolean;
  /** Cells the source left blank (null), by metric id, with their table, row and column names and where they are. */
  blankIds: ReadonlyMap<string, BlankCell>;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const failedIds = new Set<string>();
  /** Cells left blank in the source (null): the rules that use them are listed, not checked. */
  const blankIds = new Map<string, BlankCell>();
  const failedTables = new Set<string>();
  const metrics: Record<string, Metric> = {};
  const metricIdsBySection = new Map<string, string[]>();
  const tables: TableModel[] = [];
  const tablesSeen = new Map<string, SourcePosition>();

  const add = (metric: Metric) => {
    const earlier = metrics[metric.id];
    if (earlier) {
      diagnostics.push(
        diag('error', 'metric.duplicate-id', metric.source, `指标编号 ${metric.id} 重复：${earlier.source.file} 第 ${earlier.source.line} 行已经用过。`, {
          hint: '给这个指标换一个编号；如果是同一个数，只保留一处定义，其他地方用 :m[编号] 引用。',
          value: metric.id,
        }),
      );
      return;
    }
    metrics[metric.id] = metric;
    metricIdsBySection.get(metric.section)!.push(metric.id);
  };

  for (const { section, slug } of sections) {
    metricIdsBySection.set(slug, []);
    const badCells = new Map(section.badCells.map((b) => [`${b.table}\0${b.row}\0${b.index}`, b]));
    section.frontmatter.metrics.forEach((input, i) => {
      const at = section.source.positionOf(['metrics', i]);
      if (input.value !== undefined && input.range) {
        failedIds.add(input.id);
        diagnostics.push(diag('error', 'metric.value-and-range', at, `指标 ${input.id} 同时写了 value 和 range。`, { hint: '精确数或“余/以上/内”写 value；“1—2次”这样的范围只写 range。' }));
        return;
      }
      if (input.range && input.range[0] > input.range[1]) {
        failedIds.add(input.id);
        diagnostics.push(diag('error', 'metric.range-order', section.source.positionOf(['metrics', i, 'range']), `指标 ${input.id} 的范围下限大于上限。`, { value: input.range, hint: '写成 [小, 大]，如 [1, 2]。' }));
        return;
      }
      if (input.qualifier && input.value === '/') {
        failedIds.add(input.id);
        diagnostics.push(diag('error', 'metric.qualifier-na', at, `指标 ${input.id} 写了“不适用”（/），不能再加 qualifier。`));
        return;
      }
      const value = toMetricValue(input);
      if (!value) {
        failedIds.add(input.id);
        diagnostics.push(diag('error', 'metric.no-value', at, `指标 ${input.id} 缺少数值。`, { hint: '写 value: 数字（不适用写 value: "/"），或 range: [下限, 上限]。' }));
        return;
      }
      add({ id: input.id, label: input.label, unit: input.unit, value, decimals: input.decimals, section: slug, source: at });
    });

    for (const [tableId, rows] of Object.entries(section.frontmatter.tables)) {
      const table = template.tables.find((t) => t.id === tableId);
      const tableAt = section.source.positionOf(['tables', tableId], 'key');
      if (!table) {
        failedTables.add(tableId);
        diagnostics.push(
          diag('error', 'table.unknown', tableAt, `模板「${template.name}」没有编号为 ${tableId} 的表格。`, {
            hint: template.tables.length ? `可用的表格：${template.tables.map((t) => `${t.id}（${t.title}）`).join('、')}` : '这个报告类型没有表格。',
            value: tableId,
          }),
        );
        continue;
      }
      if (tablesSeen.has(tableId)) {
        diagnostics.push(diag('error', 'table.duplicate', tableAt, `表格 ${tableId} 的数据写了两次（另一处在 ${tablesSeen.get(tableId)!.file}）。`));
        continue;
      }
      tablesSeen.set(tableId, tableAt);
      const model: TableModel = { table, cells: {} };
      for (const rowId of Object.keys(rows)) {
        if (!table.rows.some((r) => r.id === rowId && !r.group)) {
          diagnostics.push(
            diag('error', 'table.unknown-row', section.source.positionOf(['tables', tableId, rowId], 'key'), `表格「${table.title}」没有编号为 ${rowId} 的数据行。`, {
              hint: `可用的行：${table.rows.filter((r) => !r.group).map((r) => `${r.id}（${r.label}）`).join('、')}`,
              value: rowId,
            }),
          );
        }
      }
      for (const row of table.rows) {
        if (row.group) continue;
        const values = rows[row.id];
        if (!values) {
          failedTables.add(tableId);
          diagnostics.push(
            diag('error', 'table.missing-row', tableAt, `表格「${table.title}」缺少“${row.label}”一行（${row.id}）。`, {
              hint: `补上一行：${row.id}: [${table.columns.map(() => '0').join(', ')}]（按 ${table.columns.map((c) => c.label).join('、')} 的顺序）`,
            }),
          );
          continue;
        }
        const rowAt = section.source.positionOf(['tables', tableId, row.id]);
        if (values.length !== table.columns.length) {
          failedTables.add(tableId);
          diagnostics.push(
            diag('error', 'table.row-length', rowAt, `表格「${table.title}」的“${row.label}”一行应有 ${table.columns.length} 个数，写了 ${values.length} 个。`, {
              hint: `按顺序写：${table.columns.map((c) => c.label).join('、')}${table.columns.some((c) => notApplicableAllowed(table, c)) ? '；不适用的写 "/"' : '；没有的写 0'}。`,
              value: values,
            }),
          );
          continue;
        }
        model.cells[row.id] = table.columns.map((column, c) => {
          const id = `${table.id}.${row.id}.${column.id}`;
          const v = values[c]!;
          const cellAt = section.source.positionOf(['tables', tableId, row.id, c]);
          const where = `表格「${table.title}」“${row.label}”一行的“${column.label}”`;
          const naAllowed = notApplicableAllowed(table, column);
          // One error per wrong cell; rules and references that use it are then skipped, not reported again.
          const bad = badCells.get(`${tableId}\0${row.id}\0${c}`);
          if (bad) {
            failedIds.add(id);
            const written = typeof bad.value === 'string' ? bad.value : bad.value === null ? '' : JSON.stringify(bad.value) ?? String(bad.value);
            diagnostics.push(
              diag('error', 'table.cell-not-number', cellAt, `${where}应为数字，${written === '' ? '这一格是空的' : `这里写成了“${written}”`}。`, {
                hint:
                  (typeof bad.value === 'string' ? numberTextHint(bad.value, (n) => `把“${bad.value as string}”改为 ${n}`) : undefined) ??
                  `写阿拉伯数字，如 36 或 95.4${naAllowed ? '；不适用的写 /' : '；没有的写 0'}。`,
                value: bad.value ?? '',
              }),
            );
            return id;
          }
          if (v === null) {
            // A blank of the source (kept by import): never a silent 0. The rules that use this cell wait until it is filled in.
            failedIds.add(id);
            blankIds.set(id, { name: `${table.title}“${row.label}”的“${column.label}”`, at: cellAt });
            diagnostics.push(
              diag('error', 'table.blank-cell', cellAt, `${where}是空格（原表没有填写）。`, {
                hint: `按原始台账填上数字${naAllowed ? '；确实不适用的写 /' : '；没有发生的写 0'}。这一格填好之前，用到它的合计关系不做核对。`,
                value: '',
              }),
            );
            return id;
          }
          if (v === '/' && !naAllowed) {
            failedIds.add(id);
            diagnostics.push(
              diag('error', 'table.not-applicable', cellAt, `${where}不能写 /（不适用）：「${table.title}」的每一格都要填数字。`, {
                hint: '没有发生的写 0；“/”只用于模板允许不适用的表格（如信息公开年报的表二）。',
                value: '/',
              }),
            );
            return id;
          }
          add({
            id,
            label: `${table.title}：${row.label}（${column.label}）`,
            unit: column.unit ?? table.unit,
            value: v === '/' ? { kind: 'na' } : { kind: 'exact', number: v },
            cell: { table: table.id, row: row.id, column: column.id },
            section: slug,
            source: cellAt,
          });
          return id;
        });
      }
      tables.push(model);
    }
  }

  for (const table of template.tables) {
    if (!tablesSeen.has(table.id)) {
      failedTables.add(table.id);
      if (!incomplete) diagnostics.push(
        diag('error', 'table.missing', { file: reportFile, line: 1, column: 1 }, `缺少「${template.name}」必须填写的表格：${table.title}（${table.id}）。`, {
          hint: `在对应章节的 frontmatter 里加上 tables: 下的 ${table.id}，可参照 nianbao new ${template.id} 生成的骨架。`,
        }),
      );
    }
  }
  tables.sort((a, b) => template.tables.indexOf(a.table) - template.tables.indexOf(b.table));
  const isFailed = (id: string) => failedIds.has(id) || failedTables.has(id.split('.')[0]!);
  return { metrics, tables, metricIdsBySection, isFailed, blankIds, diagnostics };
}
