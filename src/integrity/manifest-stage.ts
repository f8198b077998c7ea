import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildStage } from '../pipeline/stage.ts';
import { cachedPagesFile, reuseLastPagesFile } from './page-snapshots.ts';
import { buildIdentity } from './build-identity.ts';
import { digestFile, listFiles, mapLimited } from '../store/files.ts';
import { sha256 } from '../store/cache-store.ts';
import { INTEGRITY_FILES, MANIFEST_FILE, MANIFEST_FORMAT, PAGES_FILE, PUBLIC_KEY_FILE, serializeManifest, SIGNATURE_FILE, type Manifest } from './manifest.ts';
import { pagesFileFor } from './pages-file.ts';
import { fingerprint, publicKeyPem, signingKeyFromEnv, signManifest } from './signing.ts';

/**
 * The last build stage: lists every published file with its size and SHA-256 in manifest.json,
 * with page snapshots for `verify`, and signs the manifest when a key is configured.
 */
export const manifestStage: BuildStage = {
  id: 'manifest',
  label: '生成文件清单 manifest.json',
  readsAll: true,
  async run({ model, outDir, log, cache, digests: known }) {
    // Read the key first: a misconfigured key fails the build before anything is written.
    const key = signingKeyFromEnv();
    for (const name of INTEGRITY_FILES) rmSync(path.join(outDir, name), { force: true });
    const published = listFiles(outDir).filter((f) => f !== PAGES_FILE);
    // Parsing every page is most of this stage's time: unchanged pages' snapshots come from the
    // cache, and when no page changed, the whole file from the last output.
    const knownDigest = (rel: string) => known?.lookup(path.join(outDir, rel))?.sha256;
    const pagesFile = path.join(outDir, PAGES_FILE);
    const last = cache?.lastOutput?.();
    const reused = last && reuseLastPagesFile(outDir, published, last, knownDigest, cache?.store);
    if (reused) known?.record(pagesFile, reused);
    else {
      rmSync(pagesFile, { force: true });
      const made = cache ? await cachedPagesFile(outDir, published, cache.store, knownDigest, last) : undefined;
      const text = made?.bytes ?? Buffer.from(await pagesFileFor(outDir, published));
      writeFileSync(pagesFile, text);
      // Hashed as written: not read again below (some 34 MB at a thousand reports).
      known?.record(pagesFile, { size: text.byteLength, sha256: made?.sha256 ?? sha256(text) });
    }
    const files = listFiles(outDir).filter((f) => !INTEGRITY_FILES.has(f));
    // A file checked and put in place, then written through during the build (it shares its
    // storage with the last output or the cache): its bytes are no longer the checked ones.
    const rewritten = files.filter((f) => known?.writtenInPlace(path.join(outDir, f)));
    if (rewritten.length) throw new Error(`${rewritten.slice(0, 3).join('、')}${rewritten.length > 3 ? ` 等 ${rewritten.length} 个文件` : ''} 在构建过程中被直接改写（它与上次的输出或缓存共用存储），构建停止，不替换输出文件夹；请重新构建（下一次构建会发现改动并重新生成）。`);
    // Files put in place from verified bytes and not touched since are not read again.
    // Files hashed here are recorded too: what is kept by a page's published digest (the search keys) looks them up.
    const digests = await mapLimited(files, 8, async (f) => {
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
      build: buildIdentity(model.contentDir),
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
