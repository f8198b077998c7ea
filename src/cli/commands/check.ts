import { loadContent } from '../../content/index.ts';
import { formatDiagnostic, summarize } from '../../diagnostics/print.ts';

export interface CheckOptions {
  json?: boolean;
}

/** `nianbao check [path]`: validates everything and prints every problem; exit code 1 on errors. */
export function checkCommand(target: string, options: CheckOptions): number {
  const result = loadContent(target, { basePath: process.env.NIANBAO_BASE || undefined });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ok: result.ok, diagnostics: result.diagnostics }, null, 2)}\n`);
    return result.ok ? 0 : 1;
  }
  for (const d of result.diagnostics) console.log(`${formatDiagnostic(d)}\n`);
  console.log(summarize(result.diagnostics, result.ok ? result.model.reports.length : undefined));
  return result.ok ? 0 : 1;
}
