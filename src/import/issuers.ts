import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export type IssuerMatch =
  | { kind: 'none' }
  | { kind: 'matched'; id: string; reason: string }
  | { kind: 'unmatched'; names: string[] };

interface IssuerEntry {
  id?: unknown;
  name?: unknown;
  shortName?: unknown;
}

const key = (s: string) => s.replace(/[\s\u3000]+/g, '');

/**
 * Matches the document's 发布机构 / 信息来源 / 署名 / 发文机关标志 to an issuer of content/issuers.yaml,
 * by full or short name. No issuers.yaml: `none` (the name is written as it stands). No match:
 * `unmatched`, and no id is invented.
 */
export function matchIssuer(_root: string, contentDir: string, candidates: (string | undefined)[]): IssuerMatch {
  const file = path.join(contentDir, 'issuers.yaml');
  if (!existsSync(file)) return { kind: 'none' };
  let entries: IssuerEntry[] = [];
  try {
    const data = parse(readFileSync(file, 'utf8')) as { issuers?: IssuerEntry[] } | null;
    entries = Array.isArray(data?.issuers) ? data.issuers : [];
  } catch {
    entries = [];
  }
  const names = [...new Set(candidates.filter((c): c is string => !!c && c.trim() !== '').map(key))];
  for (const name of names) {
    for (const e of entries) {
      if (typeof e.id !== 'string') continue;
      if (typeof e.name === 'string' && key(e.name) === name) return { kind: 'matched', id: e.id, reason: `“${name}”是 issuers.yaml 中 ${e.id} 的全称` };
      if (typeof e.shortName === 'string' && key(e.shortName) === name) return { kind: 'matched', id: e.id, reason: `“${name}”是 issuers.yaml 中 ${e.id} 的简称` };
    }
  }
  return { kind: 'unmatched', names };
}
