import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.ts';

/** A cell the source left blank (null): its table, row and column names and where it is written. */
export interface BlankCell {
  name: string;
  at: SourcePosition;
}
import { exactNumber, formatMetric, formatNumber } from '../metrics/format.ts';
import type { Metric } from '../schema/metric.ts';
import type { Rule } from '../schema/rule.ts';
import type { CheckedRule } from './model.ts';

export interface PlacedRule {
  rule: Rule;
  /** Where the rule is written; template rules have none and are reported at their metrics. */
  at?: SourcePosition;
  /** Names for placeholder values in descriptions (e.g. column id → 自然人). */
  labels?: Record<string, string>;
}

type Concrete = Rule & { description: string };

/** Every combination of `each` placeholder values (`{col: [a, b]}` → `[{col: a}, {col: b}]`). */
export function eachCombination(each: Record<string, string[]> | undefined): Record<string, string>[] {
  let combos: Record<string, string>[] = [{}];
  for (const [name, values] of Object.entries(each ?? {})) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  return combos;
}

/** `$col` → the combination's value; with `labels`, the value's name (column id → 自然人). */
export function substitute(s: string, combo: Record<string, string>, labels?: Record<string, string>): string {
  return s.replace(/\$(\w+)/g, (m, k: string) => (combo[k] === undefined ? m : labels ? (labels[combo[k]!] ?? combo[k]!) : combo[k]!));
}

/** Expands `each` placeholders (`$col`) into one concrete rule per combination. */
export function expandRule(placed: PlacedRule): Concrete[] {
  const { rule } = placed;
  return eachCombination(rule.each).map((combo) => {
    const sub = (s: string) => substitute(s, combo);
    const label = (s: string) => substitute(s, combo, placed.labels ?? {});
    const description = label(rule.description ?? defaultDescription(rule));
    switch (rule.type) {
      case 'sum':
        return { ...rule, description, total: (Array.isArray(rule.total) ? rule.total : [rule.total]).map(sub), parts: rule.parts.map(sub) };
      case 'equal':
        return { ...rule, description, metrics: rule.metrics.map(sub) };
      case 'ratio':
        return { ...rule, description, rate: sub(rule.rate), numerator: sub(rule.numerator), denominator: sub(rule.denominator) };
    }
  });
}

function defaultDescription(rule: Rule): string {
  switch (rule.type) {
    case 'sum':
      return '合计等于分项之和';
    case 'equal':
      return '指标应相等';
    case 'ratio':
      return '比率等于分子除以分母';
  }
}

function idsOf(rule: Concrete): string[] {
  switch (rule.type) {
    case 'sum':
      return [...(rule.total as string[]), ...rule.parts];
    case 'equal':
      return rule.metrics;
    case 'ratio':
      return [rule.rate, rule.numerator, rule.denominator];
  }
}

const show = (m: Metric) => `${m.label}[${m.id}] ${formatMetric(m)}`;
const near = (a: number, b: number, tol = 0) => Math.abs(a - b) <= tol + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Checks every rule against the metrics; a broken rule names the rule, the metrics and their values. */
export function checkRules(
  placed: PlacedRule[],
  metrics: Record<string, Metric>,
  alreadyReported: (id: string) => boolean = () => false,
  blanks: ReadonlyMap<string, BlankCell> = new Map(),
): { checked: CheckedRule[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const checked: CheckedRule[] = [];
  for (const p of placed) {
    for (const rule of expandRule(p)) {
      const ids = idsOf(rule);
      const unknown = ids.filter((id) => !metrics[id]);
      const firstKnown = ids.map((id) => metrics[id]).find(Boolean);
      const blank = ids.filter((id) => blanks.has(id));
      // A rule over cells that are all blank is shown at the first blank cell, never at no place.
      const at = p.at ?? firstKnown?.source ?? (blank.length ? blanks.get(blank[0]!)!.at : { file: '', line: 0, column: 0 });
      if (blank.length > 0) {
        diagnostics.push(blankCellsRule(rule, blank, blanks, metrics, at));
        continue;
      }
      if (unknown.length > 0) {
        // Rules over metrics whose definitions failed are skipped: those failures are reported already.
        if (unknown.some(alreadyReported)) continue;
        diagnostics.push(
          diag('error', 'rule.unknown-metric', at, `规则「${rule.description}」引用了不存在的指标：${unknown.join('、')}。`, {
            hint: '检查编号拼写；指标要在某个章节的 metrics 里定义。',
          }),
        );
        continue;
      }
      const ms = ids.map((id) => metrics[id]!);
      const approximate = ms.filter((m) => exactNumber(m.value) === 'approximate');
      if (approximate.length > 0) {
        diagnostics.push(
          diag('warning', 'rule.approximate', at, `规则「${rule.description}」涉及非精确的数值，无法核对：${approximate.map(show).join('；')}。`, {
            hint: '一致性规则只核对精确数；约数（余、以上、内、范围）请不要放进规则。',
          }),
        );
        continue;
      }
      const notApplicable = ms.filter((m) => exactNumber(m.value) === 'na');
      if (notApplicable.length > 0) {
        diagnostics.push(
          diag('warning', 'rule.not-applicable', at, `规则「${rule.description}」涉及写成“/”（不适用）的指标，没有核对：${notApplicable.map(show).join('；')}。`, {
            hint: '“/”不是 0：参与合计、相等或比率规则的指标要写数字（没有的写 0），或把它们从规则里去掉。',
          }),
        );
        continue;
      }
      const num = (id: string) => exactNumber(metrics[id]!.value) as number;
      checked.push({ kind: rule.type, description: rule.description, metricIds: ids });
      const broken = evaluate(rule, num);
      if (broken) {
        const rel = rule.type === 'sum' || rule.type === 'ratio' ? broken : '';
        const values = ms.map((m) => `  ${show(m)}`).join('\n');
        diagnostics.push(
          diag('error', `rule.${rule.type}`, at, `一致性规则不成立：${rule.description}。${rel}\n${values}`, {
            hint: '核对这些数字：改正写错的那个，使规则成立。',
          }),
        );
      }
    }
  }
  return { checked, diagnostics };
}

/** Returns a sentence saying how the rule fails, or undefined when it holds. */
function evaluate(rule: Concrete, num: (id: string) => number): string | undefined {
  switch (rule.type) {
    case 'sum': {
      const totals = rule.total as string[];
      const total = totals.reduce((s, id) => s + num(id), 0);
      const sum = rule.parts.reduce((s, id) => s + num(id), 0);
      if (near(total, sum)) return undefined;
      return `${totals.join(' + ')} = ${formatNumber(total)}，而 ${rule.parts.join(' + ')} = ${formatNumber(sum)}（相差 ${formatNumber(Math.abs(total - sum))}）。`;
    }
    case 'equal': {
      const first = num(rule.metrics[0]!);
      return rule.metrics.every((id) => near(num(id), first)) ? undefined : '它们的数值不相等。';
    }
    case 'ratio': {
      const denominator = num(rule.denominator);
      const rate = num(rule.rate);
      if (denominator === 0) return `分母 ${rule.denominator} 为 0，比率无法计算。`;
      const expected = (num(rule.numerator) / denominator) * rule.scale;
      const decimals = (formatNumber(rate).split('.')[1] ?? '').length;
      const tolerance = rule.tolerance ?? 0.5 * 10 ** -decimals;
      if (near(rate, expected, tolerance)) return undefined;
      return `${rule.numerator} ÷ ${rule.denominator} × ${rule.scale} = ${formatNumber(Number(expected.toFixed(4)))}，与 ${rule.rate} = ${formatNumber(rate)} 相差超过 ${formatNumber(tolerance)}。`;
    }
  }
}

/**
 * A rule over cells the source left blank cannot be checked; it is listed so the editor sees which
 * identities wait for the blanks, and — when one blank of a sum is all that is missing — what it must be.
 */
function blankCellsRule(rule: Concrete, blank: string[], blanks: ReadonlyMap<string, BlankCell>, metrics: Record<string, Metric>, at: SourcePosition): Diagnostic {
  const names = blank.map((id) => `${blanks.get(id)!.name}[${id}]`).join('、');
  let needed = '';
  if (rule.type === 'sum' && blank.length === 1) {
    const totals = rule.total as string[];
    const others = [...totals, ...rule.parts].filter((id) => id !== blank[0]);
    const values = others.map((id) => (metrics[id] ? exactNumber(metrics[id]!.value) : undefined));
    if (values.every((v) => typeof v === 'number')) {
      const num = (id: string) => values[others.indexOf(id)] as number;
      const isTotal = totals.includes(blank[0]!);
      const value = isTotal
        ? rule.parts.reduce((s, id) => s + num(id), 0) - totals.filter((id) => id !== blank[0]).reduce((s, id) => s + num(id), 0)
        : totals.reduce((s, id) => s + num(id), 0) - rule.parts.filter((id) => id !== blank[0]).reduce((s, id) => s + num(id), 0);
      needed = `按其他格子，这一格应为 ${Number(value.toFixed(6))}${value < 0 ? '（是负数：其他格子也有错）' : ''}。`;
    }
  }
  return diag('warning', 'rule.blank-cell', at, `规则「${rule.description}」用到原表空着的格子 ${names}，没有核对。${needed}`, {
    hint: '按原始台账把空格填上数字，规则就会核对。',
  });
}
