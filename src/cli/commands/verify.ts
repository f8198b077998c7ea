import pc from 'picocolors';
import { httpCopy, localCopy } from '../../integrity/deployed-copy.ts';
import type { PageChange } from '../../integrity/page-diff.ts';
import { OUTPUT_FORMATS } from '../../formats/registry.ts';
import { outputFileTypes } from '../../pipeline/stage.ts';
import { verifyCopy, type FileProblem, type Verdict, type VerifyReport } from '../../integrity/verify.ts';

export interface VerifyCommandOptions {
  manifest?: string;
  publicKey?: string;
  requireSignature?: boolean;
  json?: boolean;
  quiet?: boolean;
  userAgent?: string;
  /** Seconds without an answer before a file counts as unreadable. */
  timeout?: string;
}

const KIND: Record<FileProblem['kind'], string> = {
  modified: '已被修改',
  redirected: '被重定向',
  missing: '缺失',
  extra: '多出的文件',
  unreadable: '无法读取',
};

const quote = (items: string[]) => {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts].map(([t, n]) => `“${t.length > 80 ? `${t.slice(0, 80)}…` : t}”${n > 1 ? ` ×${n}` : ''}`).join('、');
};

/** `a href https://x/` → `https://x/（<a href>）`. */
const showLink = (l: string) => {
  const [tag, attribute, ...url] = l.split(' ');
  return `${url.join(' ')}（<${tag} ${attribute}>）`;
};

const MAX_PLACES = 10;

function changeLines(c: PageChange, scripts: string[] | undefined, extra: boolean): string[] {
  const out: string[] = [];
  if (c.addedText.length) out.push(`${extra ? '页面文字' : '新增文字'}：${quote(c.addedText)}`);
  if (c.removedText.length) out.push(`删除文字：${quote(c.removedText)}`);
  // Where each change is: its sentence, once per sentence (whole added or removed lines are shown above).
  const places = [...new Set(c.edits.filter((e) => e.before && e.after).map((e) => e.context))];
  for (const p of places.slice(0, MAX_PLACES)) out.push(`改动之处：${p.length > 200 ? `${p.slice(0, 200)}…` : p}`);
  if (places.length > MAX_PLACES) out.push(`另有 ${places.length - MAX_PLACES} 处改动（--json 列出全部）`);
  if (c.addedLinks.length) out.push(`${extra ? '页面链接' : '新增链接'}：${c.addedLinks.map(showLink).join('，')}`);
  if (c.removedLinks.length) out.push(`删除链接：${c.removedLinks.map(showLink).join('，')}`);
  if (c.addedHidden.length) out.push(`新增隐藏内容（暗链）：${c.addedHidden.join('；')}`);
  const shown = scripts ?? c.addedScripts;
  if (shown.length) out.push(`新增脚本：${shown.join('，')}`);
  return out;
}

export function formatReport(r: VerifyReport, quiet = false): string {
  const lines: string[] = [];
  const b = r.manifest.build;
  if (!quiet || !r.ok) {
    lines.push(`检查 ${r.target}，对照清单 ${r.manifestFrom}`);
    const git = b.content.git ? `，git ${b.content.git.commit.slice(0, 10)}${b.content.git.dirty ? '（含未提交的改动）' : ''}` : '';
    lines.push(`  构建：${b.tool} ${b.toolVersion}，内容版本 ${b.content.sha256.slice(0, 12)}${git}；清单列出 ${r.checked} 个文件`);
    const sig = r.signature;
    const fp = sig.fingerprint ? `公钥指纹 ${sig.fingerprint}` : '';
    switch (sig.status) {
      case 'valid':
        lines.push(`  签名：${pc.green('有效')}（${fp}${sig.trustedKey ? '，用 --public-key 指定的可信公钥' : '，公钥取自清单旁的 manifest.pub.pem'}）`);
        if (!sig.trustedKey) lines.push(pc.dim('        能改网站文件的人也能换掉清单、签名和公钥：请核对指纹，或用 --public-key 指定你保存的公钥。'));
        break;
      case 'invalid':
        lines.push(`  签名：${pc.red('无效')}——清单在签名之后被改动，或签名、公钥被替换${fp ? `（${fp}）` : ''}`);
        break;
      case 'unsigned':
        lines.push(`  签名：${sig.required ? pc.red('没有签名（要求签名）') : '没有签名'}`);
        break;
      case 'no-key':
        lines.push(`  签名：${sig.required ? pc.red('有签名但没有公钥') : '有签名但没有公钥，未核对'}（用 --public-key 指定公钥）`);
        break;
    }
  }
  for (const p of r.problems) {
    const size = p.expected && p.actual ? `（${p.expected.size} → ${p.actual.size} 字节）` : p.actual ? `（${p.actual.size} 字节）` : '';
    lines.push(`${pc.red('✗')} ${KIND[p.kind]}：${p.path}${size}${p.detail ? `：${p.detail}` : ''}`);
    if (p.change) for (const l of changeLines(p.change, p.scripts, p.kind === 'extra')) lines.push(`    ${l}`);
  }
  for (const n of r.notes) if (!quiet || !r.ok) lines.push(pc.dim(`  注：${n}`));
  if (r.ok) {
    if (!quiet) lines.push(pc.green(`✓ 全部 ${r.checked} 个文件与清单一致，没有多出的文件。`));
  } else if (r.verdict === 'incomplete') {
    const n = r.problems.length;
    lines.push(pc.red(`✗ 无法完整检查：${n} 个文件读不到，其余 ${r.checked - n} 个文件与清单一致。网站恢复正常后请再检查一次。`));
  } else {
    const counts = (['modified', 'redirected', 'missing', 'extra', 'unreadable'] as const)
      .map((k) => [k, r.problems.filter((p) => p.kind === k).length] as const)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${KIND[k]} ${n} 个`);
    const sigBad = r.signature.status === 'invalid' || (r.signature.required && r.signature.status !== 'valid');
    lines.push(pc.red(`✗ 与清单不一致：${[...counts, ...(sigBad ? ['签名未通过'] : [])].join('，')}。`));
  }
  return lines.join('\n');
}

const EXIT: Record<Verdict, number> = { intact: 0, tampered: 1, incomplete: 2 };

function cannotCheck(error: string, json: boolean | undefined): number {
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, verdict: 'unchecked', error }, null, 2)}\n`);
  else console.error(pc.red(`✗ 无法检查：${error}`));
  return 2;
}

/** `--timeout 0.5` → 500 ms; undefined when the value is not a positive number of seconds. */
export function timeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return 30_000;
  const s = Number(value);
  return Number.isFinite(s) && s > 0 ? Math.round(s * 1000) : undefined;
}

/**
 * `nianbao verify <folder|URL>`: exit 0 when everything matches the manifest, 1 when something
 * does not (or the signature fails), 2 when the check cannot be made (no manifest, site not
 * reachable, files that could not be read, bad arguments).
 */
export async function verifyCommand(target: string, options: VerifyCommandOptions): Promise<number> {
  const ms = timeoutMs(options.timeout);
  if (ms === undefined) return cannotCheck(`--timeout 需要一个大于 0 的秒数（如 --timeout 30），而不是“${options.timeout}”。`, options.json);
  const http = { userAgent: options.userAgent, timeoutMs: ms };
  const copy = /^https?:\/\//i.test(target) ? httpCopy(target, http) : localCopy(target);
  const result = await verifyCopy({ copy, manifest: options.manifest, publicKey: options.publicKey, requireSignature: options.requireSignature, http, fileTypes: outputFileTypes(OUTPUT_FORMATS) });
  if (!result.ok) return cannotCheck(result.error, options.json);
  if (options.json) process.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
  else {
    const out = formatReport(result.report, options.quiet);
    if (out) (result.report.ok ? console.log : console.error)(out);
  }
  return EXIT[result.report.verdict];
}
