import pc from 'picocolors';
import { conformFile, UnreadableFile } from '../../conform/conform.ts';
import { formatReport, reportJson } from '../../conform/format.ts';

export interface ConformOptions {
  json?: boolean;
  strict?: boolean;
}

/**
 * `nianbao conform <file.docx|file.pdf> [--json] [--strict]`: the conformance table. Exit 0 when
 * every rule passes (提示 do not fail), 1 when one fails, 2 when the file cannot be read.
 */
export async function conformCommand(file: string, options: ConformOptions): Promise<number> {
  let report;
  try {
    report = await conformFile(file, { strict: options.strict });
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    if (options.json) console.log(JSON.stringify({ file, ok: false, error: e.message }, null, 2));
    else console.error(pc.red(`无法检查 ${file}：${e.message}`));
    return 2;
  }
  console.log(options.json ? JSON.stringify(reportJson(report), null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}
