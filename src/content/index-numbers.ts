/**
 * 索引号 without typing: a report without `indexNumber` gets one from its issuer's `indexPattern`
 * ({creditCode}, {year} = the year of publishedAt, {serial:N}). Serials continue after the highest
 * serial written explicitly for that issuer and year, in order of publishedAt, then folder name;
 * drafts come after the published reports. Derived numbers can move when reports are added, so
 * published ones are meant to be written down (`nianbao number`) — see README “索引号”.
 */
import type { Issuer } from '../schema/issuer.ts';

export interface NumberedReport {
  slug: string;
  issuer: Issuer;
  publishedAt: string;
  draft: boolean;
  /** As written in report.yaml. */
  indexNumber?: string;
}

export function formatIndexNumber(pattern: string, creditCode: string, year: number, serial: number): string {
  return pattern.replace(/\{([^{}]*)\}/g, (_, token: string) => {
    if (token === 'creditCode') return creditCode;
    if (token === 'year') return String(year);
    const width = Number(/^serial(?::(\d))?$/.exec(token)?.[1] ?? 1);
    return String(serial).padStart(width, '0');
  });
}

/** The serial of an index number written to the issuer's pattern for that year, else undefined. */
export function serialOf(pattern: string, creditCode: string, year: number, indexNumber: string): number | undefined {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let source = '';
  let last = 0;
  for (const m of pattern.matchAll(/\{([^{}]*)\}/g)) {
    source += escape(pattern.slice(last, m.index));
    source += m[1] === 'creditCode' ? escape(creditCode) : m[1] === 'year' ? String(year) : '(\\d+)';
    last = m.index + m[0].length;
  }
  source += escape(pattern.slice(last));
  const match = new RegExp(`^${source}$`).exec(indexNumber);
  return match ? Number(match[1]) : undefined;
}

export const publicationYear = (publishedAt: string): number => Number(publishedAt.slice(0, 4));

/** slug → derived index number, for every report without one. */
export function deriveIndexNumbers(reports: readonly NumberedReport[]): Map<string, string> {
  const groups = new Map<string, NumberedReport[]>();
  for (const r of reports) {
    const key = `${r.issuer.id}\0${publicationYear(r.publishedAt)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const derived = new Map<string, string>();
  for (const group of groups.values()) {
    const { issuer, publishedAt } = group[0]!;
    const year = publicationYear(publishedAt);
    let serial = 0;
    for (const r of group) {
      const s = r.indexNumber === undefined ? undefined : serialOf(issuer.indexPattern, issuer.creditCode, year, r.indexNumber);
      if (s !== undefined && s > serial) serial = s;
    }
    const unnumbered = group
      .filter((r) => r.indexNumber === undefined)
      .sort((a, b) => Number(a.draft) - Number(b.draft) || a.publishedAt.localeCompare(b.publishedAt) || a.slug.localeCompare(b.slug));
    for (const r of unnumbered) derived.set(r.slug, formatIndexNumber(issuer.indexPattern, issuer.creditCode, year, ++serial));
  }
  return derived;
}
