import { indexNumbersToRecord, loadContent, recordIndexNumber } from '../../content/index.ts';
import { formatDiagnostic, summarize } from '../../diagnostics/print.ts';

export interface NumberOptions {
  year?: string;
  dryRun?: boolean;
}

/**
 * `nianbao number [path] [--year Y] [--dry-run]`: writes the derived 索引号 of published reports
 * into their report.yaml (one inserted line each) and prints what it wrote.
 */
export function numberCommand(target: string, options: NumberOptions): number {
  const year = options.year === undefined ? undefined : Number(options.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 1990 || year > 2100)) {
    console.error(`错误：年度“${options.year}”不对，请写四位数字，如 --year 2023。`);
    return 2;
  }
  const result = loadContent(target);
  if (!result.ok) {
    for (const d of result.diagnostics.filter((x) => x.severity === 'error')) console.log(`${formatDiagnostic(d)}\n`);
    console.log(summarize(result.diagnostics.filter((x) => x.severity === 'error'), undefined));
    console.error('没有写入任何索引号：自动编号要看全部报告，请先改正上面的错误。');
    return 1;
  }
  const records = indexNumbersToRecord(result.model, year);
  if (records.length === 0) {
    console.log(`没有需要写入的索引号：${year === undefined ? '' : `${year} 年度`}已发布的报告都已写明 indexNumber。`);
    return 0;
  }
  for (const record of records) {
    if (options.dryRun) console.log(`将写入 ${record.file}：indexNumber: ${record.indexNumber}`);
    else {
      const line = recordIndexNumber(result.model.root, record);
      console.log(`已写入 ${record.file}:${line}：indexNumber: ${record.indexNumber}`);
    }
  }
  console.log(options.dryRun ? `共 ${records.length} 份报告（--dry-run：没有改动任何文件）。` : `共写入 ${records.length} 份报告的索引号，请提交这些改动。`);
  return 0;
}
