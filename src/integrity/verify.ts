import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { siteReader, type DeployedCopy, type Fetched, type HttpCopyOptions } from './deployed-copy.ts';
import { digestBytes, mapLimited, type FileDigest } from '../store/files.ts';
import { MANIFEST_FILE, PAGES_FILE, parseManifest, PUBLIC_KEY_FILE, SIGNATURE_FILE, type Manifest, type ManifestEntry } from './manifest.ts';
import { comparePages, isEmptyChange, type PageChange } from './page-diff.ts';
import { findScript, snapshotPage, type PageSnapshot } from './page-snapshot.ts';
import { typeFits, type FileTypes } from './media-types.ts';
import { isPage, parsePagesFile } from './pages-file.ts';
import { fingerprint, signatureValid } from './signing.ts';

export interface VerifyOptions {
  copy: DeployedCopy;
  /** A trusted manifest (file path or URL); default: manifest.json of the copy itself. */
  manifest?: string;
  /** A trusted public key (PEM file); default: manifest.pub.pem beside the manifest. */
  publicKey?: string;
  /** Fail when the manifest is not signed. Implied by `publicKey`. */
  requireSignature?: boolean;
  /** How a manifest given as a URL is read (timeout, user agent). */
  http?: HttpCopyOptions;
  /** The output formats' file types (extension, MIME type), to note files served with another type. */
  fileTypes?: FileTypes;
}

export interface FileProblem {
  path: string;
  kind: 'modified' | 'missing' | 'extra' | 'redirected' | 'unreadable';
  expected?: ManifestEntry;
  actual?: FileDigest;
  /** For a modified page: what a reader sees differently. */
  change?: PageChange;
  /** Added scripts and handlers as written on the page. */
  scripts?: string[];
  detail?: string;
}

export type SignatureStatus = 'valid' | 'invalid' | 'unsigned' | 'no-key';

/** intact: all as built (exit 0); tampered: a real difference (1); incomplete: no difference found, but not every file could be read (2). */
export type Verdict = 'intact' | 'tampered' | 'incomplete';

export interface VerifyReport {
  ok: boolean;
  verdict: Verdict;
  target: string;
  manifestFrom: string;
  manifest: Manifest;
  signature: { status: SignatureStatus; trustedKey: boolean; fingerprint?: string; required: boolean };
  checked: number;
  problems: FileProblem[];
  notes: string[];
}

export type VerifyResult = { ok: true; report: VerifyReport } | { ok: false; error: string };

/** Reads a file next to the manifest: from the copy, a local folder or a URL. */
type Sibling = (name: string) => Promise<Fetched>;

function siblingsOf(manifest: string | undefined, copy: DeployedCopy, http: HttpCopyOptions | undefined): Sibling {
  if (manifest === undefined) return (name) => copy.read(name);
  if (/^https?:\/\//i.test(manifest)) {
    const url = new URL(manifest);
    const get = siteReader(new URL('./', url), http);
    return (name) => get(name === MANIFEST_FILE ? url : new URL(name, url));
  }
  const dir = path.dirname(path.resolve(manifest));
  const file = path.basename(manifest);
  return async (name) => {
    try {
      return { status: 'ok', bytes: await readFile(path.join(dir, name === MANIFEST_FILE ? file : name)) };
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { status: 'missing' } : { status: 'error', detail: (e as Error).message };
    }
  };
}

const text = (f: Fetched) => (f.status === 'ok' ? f.bytes.toString('utf8') : undefined);

/**
 * Checks a deployed copy against the manifest of the build: every listed file present with the
 * same SHA-256, nothing added, and the manifest's signature. Modified pages are compared with
 * their snapshots to show the text, links and scripts that were added.
 */
export async function verifyCopy(options: VerifyOptions): Promise<VerifyResult> {
  const { copy } = options;
  const sibling = siblingsOf(options.manifest, copy, options.http);
  const manifestFrom = options.manifest ?? `${copy.label}${copy.label.endsWith('/') ? '' : '/'}${MANIFEST_FILE}`;
  const manifestFetched = await sibling(MANIFEST_FILE);
  if (manifestFetched.status !== 'ok') {
    return {
      ok: false,
      error:
        manifestFetched.status === 'missing'
          ? `找不到清单 ${manifestFrom}。清单由 nianbao build 生成在 dist/manifest.json，请把它和网站文件一起部署，或用 --manifest 指定一份可信的清单。`
          : `读不到清单 ${manifestFrom}：${manifestFetched.status === 'redirect' ? `被重定向到 ${manifestFetched.location}（不跟随到被检查网址以外的重定向；如果网站已搬到那里，请直接检查新网址）` : manifestFetched.detail}`,
    };
  }
  const parsed = parseManifest(manifestFetched.bytes.toString('utf8'));
  if (!parsed.ok) return { ok: false, error: `${manifestFrom}：${parsed.message}` };
  const { manifest } = parsed;
  const notes: string[] = [];
  const problems: FileProblem[] = [];

  // Signature
  const required = options.requireSignature === true || options.publicKey !== undefined;
  let publicPem: string | undefined;
  if (options.publicKey !== undefined) {
    try {
      publicPem = await readFile(options.publicKey, 'utf8');
    } catch (e) {
      return { ok: false, error: `读不到公钥文件 ${options.publicKey}：${(e as Error).message}` };
    }
  } else {
    const pub = await sibling(PUBLIC_KEY_FILE);
    if (pub.status === 'error') return { ok: false, error: `读不到公钥 ${PUBLIC_KEY_FILE}：${pub.detail}` };
    publicPem = text(pub);
  }
  // A signature that could not be read is not a missing one: the check cannot be made.
  const sig = await sibling(SIGNATURE_FILE);
  if (sig.status === 'error') return { ok: false, error: `读不到签名 ${SIGNATURE_FILE}：${sig.detail}` };
  const signatureText = text(sig);
  let status: SignatureStatus;
  if (signatureText === undefined) status = 'unsigned';
  else if (publicPem === undefined) status = 'no-key';
  else status = signatureValid(manifestFetched.bytes, signatureText, publicPem) ? 'valid' : 'invalid';
  let keyFingerprint: string | undefined;
  try {
    keyFingerprint = publicPem ? fingerprint(publicPem) : undefined;
  } catch {
    if (status === 'valid') status = 'invalid';
  }
  const signature = { status, trustedKey: options.publicKey !== undefined, fingerprint: keyFingerprint, required };

  // A trusted manifest given separately: the deployed one must be the same.
  if (options.manifest !== undefined) {
    const deployed = await copy.read(MANIFEST_FILE);
    if (deployed.status === 'ok' && !deployed.bytes.equals(manifestFetched.bytes)) {
      problems.push({ path: MANIFEST_FILE, kind: 'modified', actual: digestBytes(deployed.bytes), detail: '部署的清单与可信清单不一致' });
    }
  }

  // Page snapshots, trusted only when they match the manifest.
  const pagesEntry = manifest.files.find((f) => f.path === PAGES_FILE);
  let snapshots: Map<string, PageSnapshot> | undefined;
  if (pagesEntry) {
    let got = await sibling(PAGES_FILE);
    if (got.status !== 'ok' && options.manifest !== undefined) got = await copy.read(PAGES_FILE);
    if (got.status === 'ok' && digestBytes(got.bytes).sha256 === pagesEntry.sha256) snapshots = parsePagesFile(got.bytes.toString('utf8'));
    if (!snapshots) notes.push(`${PAGES_FILE} 缺失或被改动，无法列出页面上具体增加了什么。`);
  }

  // Every listed file.
  const readPages = new Map<string, Buffer>();
  const wrongTypes: string[] = [];
  const redirectsInside: string[] = [];
  await mapLimited(manifest.files, 8, async (entry) => {
    const got = await copy.read(entry.path);
    if (got.status === 'missing') return void problems.push({ path: entry.path, kind: 'missing', expected: entry });
    if (got.status === 'redirect') return void problems.push({ path: entry.path, kind: 'redirected', expected: entry, detail: got.location });
    if (got.status === 'error') return void problems.push({ path: entry.path, kind: 'unreadable', expected: entry, detail: got.detail });
    if (got.contentType !== undefined && !typeFits(entry.path, got.contentType, options.fileTypes)) wrongTypes.push(`${entry.path}（${got.contentType}）`);
    if (got.via) redirectsInside.push(`${entry.path} → ${got.via.at(-1)}`);
    if (isPage(entry.path) || /\.xml$/i.test(entry.path)) readPages.set(entry.path, got.bytes);
    const actual = digestBytes(got.bytes);
    if (actual.sha256 === entry.sha256 && actual.size === entry.size) return;
    const problem: FileProblem = { path: entry.path, kind: 'modified', expected: entry, actual };
    const before = snapshots?.get(entry.path);
    if (before && isPage(entry.path)) {
      const html = got.bytes.toString('utf8');
      problem.change = comparePages(before, snapshotPage(html));
      problem.scripts = problem.change.addedScripts.map((id) => (id.startsWith('script src ') ? `<script src="${id.slice(11)}">` : (findScript(html, id) ?? id)));
      if (isEmptyChange(problem.change)) problem.detail = '页面上的文字、链接和脚本没有变化，改动在 HTML 代码的其他地方。';
    }
    problems.push(problem);
  });

  // Files nobody built.
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const extra of await copy.findExtras(listed, readPages)) {
    const got = await copy.read(extra);
    const problem: FileProblem = { path: extra, kind: 'extra' };
    if (got.status === 'ok') {
      problem.actual = digestBytes(got.bytes);
      if (isPage(extra)) {
        const snap = snapshotPage(got.bytes.toString('utf8'));
        problem.change = { addedText: snap.text.slice(0, 5), removedText: [], edits: [], addedLinks: snap.links.slice(0, 10), removedLinks: [], addedScripts: snap.scripts, addedHidden: snap.hidden };
      }
    }
    problems.push(problem);
  }
  if (copy.extrasLimit) notes.push(copy.extrasLimit);
  // Bytes decide; a wrong type or a redirect inside the site changes nothing in the verdict.
  const some = (list: string[]) => [...list].sort().slice(0, 5).join('，') + (list.length > 5 ? ` 等 ${list.length} 个` : '');
  if (wrongTypes.length) notes.push(`服务器给这些文件的 Content-Type 与文件类型不符：${some(wrongTypes)}。只按文件内容核对，类型不影响结论；但浏览器可能不按原样显示，请检查服务器的 MIME 设置。`);
  if (redirectsInside.length) notes.push(`这些文件被重定向到本网站内的另一个地址，按跳转后的内容核对：${some(redirectsInside)}。`);

  const order = { modified: 0, redirected: 1, missing: 2, extra: 3, unreadable: 4 };
  problems.sort((a, b) => order[a.kind] - order[b.kind] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const signatureOk = status === 'valid' || (!required && status !== 'invalid');
  const differs = !signatureOk || problems.some((p) => p.kind !== 'unreadable');
  const verdict: Verdict = differs ? 'tampered' : problems.length > 0 ? 'incomplete' : 'intact';
  return {
    ok: true,
    report: { ok: verdict === 'intact', verdict, target: copy.label, manifestFrom, manifest, signature, checked: manifest.files.length, problems, notes },
  };
}
