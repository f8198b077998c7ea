import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildContext, BuildStage } from '../pipeline/stage.ts';
import { cachedPagesFile, reuseLastPagesFile } from './page-snapshots.ts';
import { buildIdentity } from './build-identity.ts';
import { byCodeUnits, digestFile, listFiles, mapLimited, type FileDigest } from '../store/files.ts';
import { sha256 } from '../store/cache-store.ts';
import { INTEGRITY_FILES, MANIFEST_FILE, type BuildIdentity, MANIFEST_FORMAT, PAGES_FILE, PUBLIC_KEY_FILE, serializeManifest, SIGNATURE_FILE, type Manifest } from './manifest.ts';
import { isPage, pagesFileFor } from './pages-file.ts';
import { fingerprint, publicKeyPem, signingKeyFromEnv, signManifest } from './signing.ts';

/** What the stage does before the search index is finished (`early`): the pages file, from the pages then in place. */
interface PagesReady {
  pages: string[];
  digest: FileDigest;
  /** The content's revision (it reads only content/). */
  identity: BuildIdentity;
}

/**
 * The last build stage: lists every published file with its size and SHA-256 in manifest.json,
 * with page snapshots for `verify`, and signs the manifest when a key is configured.
 */
export const manifestStage: BuildStage = {
  id: 'manifest',
  label: '生成文件清单 manifest.json',
  readsAll: true,
  // The page snapshots and the content's revision (some 0.5 s after one edit at a thousand reports)
  // are taken while the build waits for the search index; no page changes after the last printing stage.
  async early(ctx): Promise<PagesReady> {
    signingKeyFromEnv();
    for (const name of INTEGRITY_FILES) rmSync(path.join(ctx.outDir, name), { force: true });
    // The search index's folders may come and go meanwhile: `run` checks the list against the finished folder.
    const pages = listFiles(ctx.outDir, undefined, true).filter(isPage);
    return { pages, digest: await writePagesFile(ctx, pages), identity: buildIdentity(ctx.model.contentDir) };
  },
  async run(ctx) {
    const { model, outDir, log, digests: known, early } = ctx;
    // Read the key first: a misconfigured key fails the build before anything is written.
    const key = signingKeyFromEnv();
    if (!early) for (const name of INTEGRITY_FILES) rmSync(path.join(outDir, name), { force: true });
    const published = listFiles(outDir).filter((f) => !INTEGRITY_FILES.has(f) && f !== PAGES_FILE);
    const pages = published.filter(isPage);
    // Made before the search index was finished from the same pages, or made now.
    const ready = early as PagesReady | undefined;
    const pagesDigest = ready && sameList(ready.pages, pages) ? ready.digest : await writePagesFile(ctx, pages);
    const files = [...published, PAGES_FILE].sort(byCodeUnits);
    // A file checked and put in place, then written through during the build (it shares its
    // storage with the last output or the cache): its bytes are no longer the checked ones.
    const rewritten = files.filter((f) => known?.writtenInPlace(path.join(outDir, f)));
    if (rewritten.length) throw new Error(`${rewritten.slice(0, 3).join('、')}${rewritten.length > 3 ? ` 等 ${rewritten.length} 个文件` : ''} 在构建过程中被直接改写（它与上次的输出或缓存共用存储），构建停止，不替换输出文件夹；请重新构建（下一次构建会发现改动并重新生成）。`);
    // Files put in place from verified bytes and not touched since are not read again.
    // Files hashed here are recorded too: what is kept by a page's published digest (the search keys) looks them up.
    const digests = await mapLimited(files, 8, async (f) => {
      if (f === PAGES_FILE) return pagesDigest;
      const file = path.join(outDir, f);
      const found = known?.lookup(file);
      if (found) return found;
      const digest = await digestFile(file);
      known?.record(file, digest);
      return digest;
    });
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      site: { name: model.site.name, domain: model.site.domain, basePath: model.site.basePath },
      build: ready?.identity ?? buildIdentity(model.contentDir),
      files: files.map((p, i) => ({ path: p, ...digests[i]! })),
    };
    const bytes = Buffer.from(serializeManifest(manifest));
    writeFileSync(path.join(outDir, MANIFEST_FILE), bytes);
    const total = digests.reduce((s, d) => s + d.size, 0);
    log(`${files.length} 个文件，共 ${(total / 1024 / 1024).toFixed(1)} MB；内容版本 ${manifest.build.content.sha256.slice(0, 12)}`);
    if (key) {
      const pub = publicKeyPem(key);
      writeFileSync(path.join(outDir, SIGNATURE_FILE), signManifest(bytes, key));
      writeFileSync(path.join(outDir, PUBLIC_KEY_FILE), pub);
      log(`已签名（公钥指纹 ${fingerprint(pub)}）`);
    } else {
      log('未签名（如需签名，设置环境变量 NIANBAO_SIGNING_KEY_FILE，见 README）');
    }
  },
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Writes manifest-pages.json for `pages`: parsing every page is most of this stage's time, so
 * unchanged pages' snapshots come from the cache, and when no page changed, the whole file from
 * the last output. Gives its digest, recorded as written (some 34 MB at a thousand reports, not read again).
 */
async function writePagesFile({ outDir, cache, digests: known }: BuildContext, pages: string[]): Promise<FileDigest> {
  const knownDigest = (rel: string) => known?.lookup(path.join(outDir, rel))?.sha256;
  const pagesFile = path.join(outDir, PAGES_FILE);
  const last = cache?.lastOutput?.();
  const reused = last && reuseLastPagesFile(outDir, pages, last, knownDigest, cache?.store);
  if (reused) {
    known?.record(pagesFile, reused);
    return reused;
  }
  rmSync(pagesFile, { force: true });
  let digest: FileDigest;
  if (cache) digest = await cachedPagesFile(outDir, pages, cache.store, knownDigest, last, pagesFile);
  else {
    const text = Buffer.from(await pagesFileFor(outDir, pages));
    writeFileSync(pagesFile, text);
    digest = { size: text.byteLength, sha256: sha256(text) };
  }
  known?.record(pagesFile, digest);
  return digest;
}
