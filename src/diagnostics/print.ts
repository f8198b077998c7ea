import pc from 'picocolors';
import type { Diagnostic } from './diagnostic.ts';

const indent = (text: string, by: string) => text.split('\n').join(`\n${by}`);

/** Human-readable diagnostics: `file:line:column`, so terminals and editors can jump to the place. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const level = d.severity === 'error' ? pc.red(pc.bold('错误')) : pc.yellow(pc.bold('警告'));
  const lines = [`${pc.cyan(where)}  ${level}  ${indent(d.message, '    ')}  ${pc.dim(`[${d.rule}]`)}`];
  if (d.value !== undefined && d.value !== '') lines.push(`    ${pc.dim('写的是：')}${indent(d.value, '      ')}`);
  if (d.hint) lines.push(`    ${pc.green('怎么改：')}${indent(d.hint, '      ')}`);
  return lines.join('\n');
}

export function summarize(diagnostics: readonly Diagnostic[], reports: number | undefined): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const checked = reports === undefined ? '' : `检查了 ${reports} 份报告，`;
  if (errors === 0 && warnings === 0) return pc.green(`✓ ${checked}没有发现问题。`);
  const parts = [errors ? pc.red(`${errors} 个错误`) : '', warnings ? pc.yellow(`${warnings} 个警告`) : ''].filter(Boolean);
  return `${errors ? '✗' : '✓'} ${checked}发现 ${parts.join('、')}。`;
}
