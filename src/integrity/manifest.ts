import { z } from 'zod';

/** The files nianbao writes about the build, beside the published files. */
export const MANIFEST_FILE = 'manifest.json';
/** Base64 Ed25519 signature of the exact bytes of manifest.json. */
export const SIGNATURE_FILE = 'manifest.sig';
/** The public key (SPKI PEM) that checks the signature. */
export const PUBLIC_KEY_FILE = 'manifest.pub.pem';
/** Text, links and scripts of every page as built, so `verify` can say what a tamperer added. */
export const PAGES_FILE = 'manifest-pages.json';

/** Files that describe the build rather than belong to it: never listed in the manifest. */
export const INTEGRITY_FILES = new Set([MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE]);

export const MANIFEST_FORMAT = 'nianbao-manifest/1';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A path inside the site: relative, `/`-separated, no `..` (a manifest must not send verify outside the folder or site it checks). */
const SitePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), {
    message: '文件路径应是网站文件夹里的相对路径，不能含有 ..、\\ 或以 / 开头',
  });

export const ManifestEntry = z.object({ path: SitePath, size: z.int().nonnegative(), sha256: Sha256 }).strict();

export const BuildIdentity = z
  .object({
    tool: z.string(),
    toolVersion: z.string(),
    content: z
      .object({
        /** SHA-256 over the content folder's files (path and hash of each, sorted). */
        sha256: Sha256,
        files: z.int().nonnegative(),
        /** The last commit that touched the content folder, when it is in a git repository. */
        git: z.object({ commit: z.string(), dirty: z.boolean() }).strict().optional(),
      })
      .strict(),
  })
  .strict();

export const Manifest = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    site: z.object({ name: z.string(), domain: z.string().optional(), basePath: z.string() }).strict(),
    build: BuildIdentity,
    files: z.array(ManifestEntry),
  })
  .strict();

export type Manifest = z.infer<typeof Manifest>;
export type ManifestEntry = z.infer<typeof ManifestEntry>;
export type BuildIdentity = z.infer<typeof BuildIdentity>;

/**
 * Stable bytes: fixed key order, files sorted, no timestamps, so two builds of the same content
 * match. One line per file, so that `grep` and `diff` on a web server read it easily.
 */
export function serializeManifest(manifest: Manifest): string {
  const files = [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const head = {
    format: manifest.format,
    site: { name: manifest.site.name, ...(manifest.site.domain ? { domain: manifest.site.domain } : {}), basePath: manifest.site.basePath },
    build: manifest.build,
  };
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const lines = files.map((f) => `    ${JSON.stringify({ path: f.path, size: f.size, sha256: f.sha256 })}`);
  return `${headText},\n  "files": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

export type ParsedManifest = { ok: true; manifest: Manifest } | { ok: false; message: string };

export function parseManifest(text: string): ParsedManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `清单不是有效的 JSON：${(e as Error).message}` };
  }
  const checked = Manifest.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return { ok: false, message: `清单格式不对（${issue.path.join('.') || '顶层'}：${issue.message}）。它应由 nianbao build 生成，格式为 ${MANIFEST_FORMAT}。` };
  }
  return { ok: true, manifest: checked.data };
}
