/**
 * The county's publishing year as the 政务公开 office sees it (`nianbao status`): for every issuer
 * and every report type it must publish, whether the report is published, a draft or missing, its
 * 发布日期 against the legal deadline (template data), its check result, and the indicators the
 * office watches against the site's thresholds. A pure query over what loadContent returned.
 */
import type { Issuer, IssuerKind } from '../schema/issuer.ts';
import type { Indicator } from '../schema/indicator.ts';
import type { Metric } from '../schema/metric.ts';
import type { StatusSettings } from '../schema/status-settings.ts';
import type { Template } from '../schema/template.ts';
import type { ReportEntry } from './model.ts';
import type { TemplateRegistry } from './templates.ts';

export type PublicationState = 'published' | 'draft' | 'missing';
/** on-time 按期; late 逾期发布; overdue 期限已过仍未发布; not-due 未到期; no-deadline 无法定期限. */
export type Timeliness = 'on-time' | 'late' | 'overdue' | 'not-due' | 'no-deadline';

export interface IndicatorValue {
  id: string;
  label: string;
  /** Percent, one decimal; null when a figure is missing, “/” or the denominator is 0. */
  value: number | null;
  min?: number;
  max?: number;
  flagged: boolean;
}

export interface StatusRow {
  issuer: { id: string; name: string; kind: IssuerKind };
  type: string;
  typeName: string;
  /** In the issuer's `reports` (else a report it published without having to). */
  required: boolean;
  state: PublicationState;
  slug?: string;
  publishedAt?: string;
  deadline?: { date: string; source: string };
  timeliness: Timeliness;
  /** Days late (late, overdue) or days left (not-due). */
  days?: number;
  errors: number;
  warnings: number;
  indicators: IndicatorValue[];
  /** Why this row fails the status (late, overdue, errors), in Chinese; empty when fine. */
  problems: string[];
}

export interface PublicationStatus {
  year: number;
  today: string;
  rows: StatusRow[];
  ok: boolean;
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const pad = (n: number) => String(n).padStart(2, '0');

/** The deadline for a report of `year` by an issuer of `kind`: in the following year, per the template. */
export function deadlineFor(template: Template | undefined, kind: IssuerKind, year: number): StatusRow['deadline'] {
  const d = template?.deadlines.find((x) => x.kinds.includes(kind));
  return d && { date: `${year + 1}-${pad(d.month)}-${pad(d.day)}`, source: d.source };
}

export function indicatorValue(indicator: Indicator, metrics: Record<string, Metric>): number | null {
  const sum = (ids: string[]) => {
    let total = 0;
    for (const id of ids) {
      const v = metrics[id]?.value;
      if (!v || v.kind !== 'exact') return undefined;
      total += v.number;
    }
    return total;
  };
  const numerator = sum(indicator.numerator);
  const denominator = sum(indicator.denominator);
  const minus = sum(indicator.denominatorMinus);
  if (numerator === undefined || denominator === undefined || minus === undefined || denominator - minus <= 0) return null;
  return Math.round((numerator / (denominator - minus)) * 1000) / 10;
}

export function publicationStatus(input: {
  issuers: readonly Issuer[];
  entries: readonly ReportEntry[];
  registry: TemplateRegistry;
  year: number;
  today: string;
  settings?: StatusSettings;
}): PublicationStatus {
  const { issuers, entries, registry, year, today } = input;
  const thresholds = input.settings?.thresholds ?? {};
  const rows: StatusRow[] = [];
  for (const issuer of issuers) {
    const own = entries.filter((e) => e.meta?.issuer === issuer.id && e.meta.year === year);
    const types = [...issuer.reports, ...own.map((e) => e.meta!.type).filter((t) => !issuer.reports.includes(t))];
    for (const type of [...new Set(types)]) {
      const entry = own.filter((e) => e.meta!.type === type).sort((a, b) => a.slug.localeCompare(b.slug))[0];
      const template = entry?.report?.template ?? registry.find(type, entry?.meta?.typeVersion)?.template ?? registry.find(type)?.template;
      const state: PublicationState = !entry ? 'missing' : entry.meta!.status === 'draft' ? 'draft' : 'published';
      const deadline = deadlineFor(template, issuer.kind, year);
      const publishedOn = state === 'published' ? entry!.meta!.publishedAt.slice(0, 10) : undefined;
      let timeliness: Timeliness = 'no-deadline';
      let late: number | undefined;
      if (deadline && publishedOn) {
        late = days(deadline.date, publishedOn);
        timeliness = late > 0 ? 'late' : 'on-time';
      } else if (deadline) {
        late = days(deadline.date, today);
        timeliness = late > 0 ? 'overdue' : 'not-due';
      }
      const indicators = (template?.indicators ?? []).map((ind): IndicatorValue => {
        const value = entry?.report ? indicatorValue(ind, entry.report.metrics) : null;
        const t = thresholds[ind.id];
        const flagged = value !== null && t !== undefined && ((t.min !== undefined && value < t.min) || (t.max !== undefined && value > t.max));
        return { id: ind.id, label: ind.label, value, ...(t?.min !== undefined ? { min: t.min } : {}), ...(t?.max !== undefined ? { max: t.max } : {}), flagged };
      });
      const problems: string[] = [];
      if (timeliness === 'late') problems.push(`逾期 ${late} 天发布（期限 ${deadline!.date}）`);
      if (timeliness === 'overdue') problems.push(`${state === 'draft' ? '仍是草稿' : '没有报告'}，已过期限 ${deadline!.date} ${late} 天`);
      if (entry && entry.errors > 0) problems.push(`检查有 ${entry.errors} 个错误`);
      rows.push({
        issuer: { id: issuer.id, name: issuer.name, kind: issuer.kind },
        type,
        typeName: template?.name ?? type,
        required: issuer.reports.includes(type),
        state,
        ...(entry ? { slug: entry.slug, publishedAt: entry.meta!.publishedAt } : {}),
        ...(deadline ? { deadline } : {}),
        timeliness,
        ...(late !== undefined ? { days: Math.abs(late) } : {}),
        errors: entry?.errors ?? 0,
        warnings: entry?.warnings ?? 0,
        indicators,
        problems,
      });
    }
  }
  return { year, today, rows, ok: rows.every((r) => r.problems.length === 0) };
}
