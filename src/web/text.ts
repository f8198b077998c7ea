/** Plain text from a report, for meta descriptions. */
import type { Root } from 'mdast';
import type { ReportModel } from '../content/index.ts';
import { plainText } from '../markdown/plain-text.ts';

/** The first paragraph of the report, cut to `max` characters. */
export function reportSummary(report: ReportModel, max = 120): string {
  for (const section of report.sections) {
    const p = (section.body as Root).children.find((c) => c.type === 'paragraph');
    if (!p) continue;
    const text = plainText(p).replace(/\s+/g, '');
    if (!text) continue;
    const chars = [...text];
    return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  }
  return report.meta.title;
}

/** `2023-01-04` → `2023年1月4日`, as the signature block of an official document writes it. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
