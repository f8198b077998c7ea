/**
 * `content/issuers.yaml`: the bodies that publish on the site. Read once per load; reports name
 * their issuer by id and are resolved against this directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.ts';
import type { LintSource } from '../lint/subject.ts';
import { IssuersFile, type Issuer } from '../schema/issuer.ts';
import { readText } from './read-text.ts';
import { validateYaml } from './schema-diagnostics.ts';
import { nearest } from './suggest.ts';
import { parseSharedYamlSource, parseYamlSource } from './yaml-source.ts';

export const ISSUERS_FILE = 'issuers.yaml';

export interface IssuerDirectory {
  /** File order. */
  issuers: Issuer[];
  byId: Map<string, Issuer>;
}

export interface IssuersRead {
  /** Undefined when the file is missing or has errors. */
  directory?: IssuerDirectory;
  diagnostics: Diagnostic[];
  lint?: LintSource;
  /** The file's bytes, for the load cache key. */
  bytes?: Buffer;
}

const EXAMPLE = `issuers:
  - id: xianzhengfu
    name: ××县人民政府
    kind: government
    creditCode: 统一社会信用代码（18 位）
    reports: []   # 每年必须发布的报告类型：templates/ 下模板文件夹的名称`;

/** Reads and checks issuers.yaml; a missing file is only an error when there are reports to publish. */
export function readIssuers(contentDir: string, rel: (p: string) => string, hasReports: boolean): IssuersRead {
  const file = path.join(contentDir, ISSUERS_FILE);
  if (!existsSync(file)) {
    if (!hasReports) return { directory: { issuers: [], byId: new Map() }, diagnostics: [] };
    return {
      diagnostics: [
        diag('error', 'issuers.missing', { file: rel(file), line: 0, column: 0 }, '缺少发布机构文件 issuers.yaml：每份报告的 issuer 要写其中一个机构的编号。', {
          hint: `在内容文件夹里创建 issuers.yaml，列出本网站的全部发布机构，如：\n${EXAMPLE}\n然后在各报告的 report.yaml 里写 issuer: 机构编号（见 README“发布机构”一节）。`,
        }),
      ],
    };
  }
  const bytes = readFileSync(file);
  const read = readText(file, rel(file));
  const parsed = read.ok ? parseSharedYamlSource(read.text, rel(file)) : read;
  if (!parsed.ok) return { diagnostics: parsed.diagnostics, bytes };
  const lint: LintSource = { file: rel(file), kind: 'site', yaml: parsed.source };
  const checked = validateYaml(IssuersFile, parsed.source);
  if (!checked.ok) return { diagnostics: checked.diagnostics, lint, bytes };

  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, Issuer>();
  const firstAt = new Map<string, SourcePosition>();
  checked.data.issuers.forEach((issuer, i) => {
    const at = parsed.source.positionOf(['issuers', i, 'id']);
    const earlier = firstAt.get(issuer.id);
    if (earlier) {
      diagnostics.push(
        diag('error', 'issuers.duplicate-id', at, `发布机构编号 ${issuer.id} 重复：第 ${earlier.line} 行已经用过（${byId.get(issuer.id)!.name}）。`, {
          hint: '每个发布机构的 id 要不同，它会成为网址的一部分，报告用它指明发布机构。',
          value: issuer.id,
        }),
      );
      return;
    }
    firstAt.set(issuer.id, at);
    byId.set(issuer.id, issuer);
  });
  if (diagnostics.length) return { diagnostics, lint, bytes };
  return { directory: { issuers: checked.data.issuers, byId }, diagnostics, lint, bytes };
}

/** An issuer id a report names but issuers.yaml does not have: suggests the nearest ids and names. */
export function unknownIssuer(id: string, directory: IssuerDirectory, at: SourcePosition): Diagnostic {
  const byName = directory.issuers.filter((i) => i.name === id || i.shortName === id);
  const ids = nearest(id, [...directory.byId.keys()]);
  const names = nearest(id, directory.issuers.map((i) => i.name)).map((n) => directory.issuers.find((i) => i.name === n)!);
  // A name written where the id belongs has exactly one right answer.
  const suggestions = byName.length ? byName : [...ids.map((x) => directory.byId.get(x)!), ...names].filter((v, i, all) => all.indexOf(v) === i).slice(0, 3);
  return diag('error', 'report.unknown-issuer', at, `issuers.yaml 里没有编号为「${id}」的发布机构。`, {
    hint: suggestions.length
      ? `是不是：${suggestions.map((i) => `${i.id}（${i.name}）`).join('、')}？issuer 写机构编号，不写名称。`
      : `issuer 写 issuers.yaml 里某个机构的 id（现有：${directory.issuers.slice(0, 8).map((i) => `${i.id}（${i.name}）`).join('、')}${directory.issuers.length > 8 ? '……' : ''}）；新机构先加到 issuers.yaml。`,
    value: id,
  });
}

/** The issuers as far as issuers.yaml can be read, for `nianbao new`, which must work on an unfinished tree. */
export function peekIssuers(contentDir: string): { id: string; name: string; shortName?: string; kind?: string }[] | undefined {
  const file = path.join(contentDir, ISSUERS_FILE);
  if (!existsSync(file)) return undefined;
  const read = readText(file, ISSUERS_FILE);
  const parsed = read.ok ? parseYamlSource(read.text, ISSUERS_FILE) : undefined;
  const list = parsed?.ok ? (parsed.source.data as { issuers?: unknown } | null)?.issuers : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((i) => {
    const x = i as Record<string, unknown> | null;
    return typeof x?.['id'] === 'string' && typeof x['name'] === 'string'
      ? [{ id: x['id'], name: x['name'], ...(typeof x['shortName'] === 'string' ? { shortName: x['shortName'] } : {}), ...(typeof x['kind'] === 'string' ? { kind: x['kind'] } : {}) }]
      : [];
  });
}
