import { Paragraph, type FileChild } from 'docx';
import type { ReportModel, SectionModel } from '../content/index.ts';
import { formatMetric } from '../metrics/format.ts';
import type { RenderContext } from './context.ts';
import { textRun } from './runs.ts';
import { STYLE } from './styles-xml.ts';
import { afterTable, cellLook, fitWidths, officialTable, type CellSpec } from './table-cells.ts';

/**
 * The section's own metrics as a table (指标 | 年度值), as the web shows under each section. Cells
 * of template tables are left out: they are in their table already.
 */
export function metricTable(report: ReportModel, section: SectionModel, ctx: RenderContext): FileChild[] {
  const metrics = section.metricIds.map((id) => report.metrics[id]!).filter((m) => !m.cell);
  if (metrics.length === 0) return [];
  const look = cellLook(2);
  const s = ctx.settings;
  const cell = (text: string, header: boolean, align: CellSpec['align']): CellSpec => ({
    runs: [textRun(s, text, header ? look.header : look.text)],
    style: header ? look.headerStyle : look.textStyle,
    align,
  });
  const rows: CellSpec[][] = [
    [cell('指标', true, 'center'), cell(`${report.meta.year}年`, true, 'center')],
    ...metrics.map((m) => [cell(m.label, false, 'left'), cell(formatMetric(m), false, 'center')]),
  ];
  return [
    new Paragraph({ style: STYLE.caption, keepNext: true, children: [textRun(s, `${section.number}${section.title}：数据`, look.header)] }),
    officialTable(rows, 1, fitWidths([3, 1])),
    afterTable(),
  ];
}
