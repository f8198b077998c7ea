import { peekIssuers } from '../content/index.ts';

export type IssuerMatch =
  | { kind: 'none' }
  | { kind: 'matched'; id: string; reason: string }
  | { kind: 'unmatched'; names: string[] };

const key = (s: string) => s.replace(/[\s\u3000]+/g, '');

/**
 * Matches the document's 发布机构 / 信息来源 / 署名 / 发文机关标志 to an issuer of content/issuers.yaml,
 * by full or short name. No issuers.yaml: `none` (the name is written as it stands). No match:
 * `unmatched`, and no id is invented.
 */
export function matchIssuer(contentDir: string, candidates: (string | undefined)[]): IssuerMatch {
  const entries = peekIssuers(contentDir);
  if (!entries) return { kind: 'none' };
  const names = [...new Set(candidates.filter((c): c is string => !!c && c.trim() !== '').map(key))];
  for (const name of names) {
    for (const e of entries) {
      if (key(e.name) === name) return { kind: 'matched', id: e.id, reason: `“${name}”是 issuers.yaml 中 ${e.id} 的全称` };
      if (e.shortName && key(e.shortName) === name) return { kind: 'matched', id: e.id, reason: `“${name}”是 issuers.yaml 中 ${e.id} 的简称` };
    }
  }
  return { kind: 'unmatched', names };
}
