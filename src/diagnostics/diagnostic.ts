/** A problem found in content. Diagnostics are values: loaders collect them, the CLI prints them. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `schema.required`, `rule.sum`, `yaml.fullwidth-colon`. */
  rule: string;
  /** Path relative to the content root, with forward slashes. */
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  column: number;
  /** What is wrong, in Chinese. */
  message: string;
  /** How to fix it, in Chinese. */
  hint?: string;
  /** The offending value as written, when there is one. */
  value?: string;
}

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export function diag(
  severity: Severity,
  rule: string,
  at: SourcePosition,
  message: string,
  extra: { hint?: string; value?: unknown } = {},
): Diagnostic {
  const d: Diagnostic = { severity, rule, file: at.file, line: at.line, column: at.column, message };
  if (extra.hint) d.hint = extra.hint;
  if (extra.value !== undefined) d.value = showValue(extra.value);
  return d;
}

export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

/** A parsed YAML text that can still say where each value was written (made by src/content/yaml-source.ts). */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Position of the value at `path`, or of its nearest written ancestor. */
  positionOf(path: readonly PropertyKey[], which?: 'value' | 'key'): SourcePosition;
}
