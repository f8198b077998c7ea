import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { loadContent, resolveProject, type ContentModel } from '../content/index.ts';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { OUTPUT_FORMATS } from '../formats/registry.ts';
import type { OutputFormat } from '../pipeline/stage.ts';
import { providePortalInput } from '../web/model.ts';
import { PORTAL_ROOT } from '../web/stage.ts';
import { errorPage } from './error-page.ts';

export interface DevOptions {
  target: string;
  port?: number;
  host?: string;
  log?: (message: string) => void;
  /** Printed after each check: diagnostics, or a line saying all is well. */
  report?: (diagnostics: Diagnostic[], ok: boolean) => void;
}

export interface DevHandle {
  url: string;
  stop(): Promise<void>;
  /** Resolves after the next content reload has been applied (for tests and scripts). */
  nextReload(): Promise<void>;
}

type DevState = { model?: ContentModel; diagnostics: Diagnostic[] };

/**
 * The live preview: the portal's Astro dev server over the current content. Every save re-runs the
 * same checks as `nianbao check`; while there are errors the preview shows them (file, line,
 * Chinese message) instead of crashing, and shows the pages again once they are fixed.
 */
export async function startDev(options: DevOptions): Promise<DevHandle> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // Run from a test runner or a CI job, NODE_ENV may say otherwise; the preview is development.
  if (process.env.NODE_ENV !== 'development') process.env.NODE_ENV = 'development';
  const log = options.log ?? (() => {});
  const { root, contentDir } = resolveProject(options.target);
  const state: DevState = { diagnostics: [] };
  let waiters: (() => void)[] = [];

  const check = () => {
    const result = loadContent(root, { basePath: process.env.NIANBAO_BASE || undefined });
    state.diagnostics = result.diagnostics;
    if (result.ok) {
      state.model = result.model;
      // The filing copies' print pages too (print/<slug>/beian/), to look at their 版头 and 版记.
      providePortalInput({ model: result.model, preview: true, filing: true, formats: OUTPUT_FORMATS });
    }
    options.report?.(result.diagnostics, result.ok);
    return result.ok;
  };
  check();
  if (!state.model) {
    throw new DevStartError('内容检查未通过，预览无法启动：请先改正上面列出的错误（之后预览会随保存自动更新）。');
  }
  const base = state.model.site.basePath;

  const { dev } = await import('astro');
  let reloadBrowsers = () => {};
  // The pages a model produces: when this changes, Astro's cached page list must be rebuilt.
  const pageSet = (m?: ContentModel) => JSON.stringify(m?.reports.map((r) => [r.slug, r.meta.type, r.meta.year]) ?? null);
  const launch = (port: number) =>
    dev({
      root: PORTAL_ROOT,
      base,
      mode: 'development',
      logLevel: 'warn',
      server: { port, host: options.host ?? '127.0.0.1' },
      integrations: [
        {
          name: 'nianbao-dev-diagnostics',
          hooks: {
            'astro:server:setup': ({ server: vite }) => {
                reloadBrowsers = () => vite.ws.send({ type: 'full-reload', path: '*' });
              vite.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
                // Vite hands middlewares the URL with or without the base path, depending on its version.
                const wanted = /(?:^|\/)__nianbao\/([a-z0-9-]+)\/([a-z0-9-]+)\.[a-z0-9]+$/.exec((req.url ?? '').split('?')[0]!);
                const format = wanted && OUTPUT_FORMATS.find((f) => f.id === wanted[1] && f.preview);
                if (wanted && format) {
                  void serveOnDemand(format, wanted[2]!, res);
                  return;
                }
                const accept = String(req.headers.accept ?? '');
                if (hasErrors(state.diagnostics) && (accept.includes('text/html') || (req.url ?? '').endsWith('/'))) {
                  res.statusCode = 200;
                  res.setHeader('Content-Type', 'text/html; charset=utf-8');
                  res.setHeader('Cache-Control', 'no-store');
                  res.end(errorPage(state.diagnostics));
                  return;
                }
                next();
              });
            },
          },
        },
      ],
    });
  /** The report's file of a format made now, from the content as it is (the preview's download links). */
  const serveOnDemand = async (format: OutputFormat, slug: string, res: ServerResponse) => {
    const report = state.model?.reports.find((r) => r.slug === slug);
    const fail = (status: number, message: string) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(message);
    };
    if (!report || hasErrors(state.diagnostics)) return fail(404, '没有这份报告，或内容有错误尚未改正。');
    try {
      const started = performance.now();
      const bytes = await format.preview!(report, { root, model: state.model!, siteUrl: url });
      const name = path.posix.basename(format.file(slug));
      res.setHeader('Content-Type', format.mediaType);
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.end(bytes);
      log(`已生成 ${name}（${Math.round(performance.now() - started)} 毫秒）`);
    } catch (e) {
      fail(500, `生成 ${format.name}失败：${(e as Error).message}`);
    }
  };
  let server = await launch(options.port ?? 4321);
  const port = server.address.port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}${base}`;

  // Content edits: re-check, then let the dev server render the new model. Pages read the model
  // when they render, so an edit only needs the open browsers reloaded; adding or removing a
  // report changes Astro's cached page list, and then the dev server restarts on the same port
  // (the browser's dev client reloads when it is back).
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  const onChange = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      queue = queue.then(async () => {
        const before = pageSet(state.model);
        if (check() && pageSet(state.model) !== before) {
          await server.stop();
          server = await launch(port);
        } else {
          reloadBrowsers();
        }
        const done = waiters;
        waiters = [];
        done.forEach((w) => w());
      });
    }, 150);
  };
  const watcher = watchFolders([contentDir, path.join(root, 'templates')], onChange);
  // Printed once the server listens and the content is watched: a save from now on is picked up.
  log(`预览地址：${url}`);

  return {
    url,
    nextReload: () => new Promise((resolve) => waiters.push(resolve)),
    async stop() {
      clearTimeout(timer);
      watcher.close();
      await queue;
      await server.stop();
    },
  };
}

export class DevStartError extends Error {}

/**
 * Calls `onChange` for every change under the folders: each folder is watched on its own, and
 * folders added later are watched once they appear. Node's `watch(…, { recursive: true })` on Linux
 * loses a file for good once an editor saves it the safe way (a new file renamed over the old one):
 * the second such save went unnoticed. A folder's own watch sees every save of its files.
 */
export function watchFolders(roots: string[], onChange: () => void): { close(): void } {
  // Folder → its watch and the folder's inode (a folder deleted and made again needs a new watch).
  const watched = new Map<string, { watcher: FSWatcher; ino: number }>();
  const inode = (dir: string) => {
    try {
      const s = statSync(dir);
      return s.isDirectory() ? s.ino : undefined;
    } catch {
      return undefined;
    }
  };
  const forget = (dir: string) => {
    watched.get(dir)?.watcher.close();
    watched.delete(dir);
  };
  const add = (dir: string) => {
    const ino = inode(dir);
    if (ino === undefined || watched.get(dir)?.ino === ino) return;
    forget(dir);
    try {
      const watcher = watch(dir, () => {
        refresh();
        onChange();
      });
      watcher.on('error', () => forget(dir));
      watched.set(dir, { watcher, ino });
      for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) add(path.join(dir, e.name));
    } catch {
      forget(dir); // removed meanwhile
    }
  };
  /** After any change: stop watching removed folders, watch new and re-made ones. */
  const refresh = () => {
    for (const [dir, { ino }] of [...watched]) if (inode(dir) !== ino) forget(dir);
    for (const r of roots) add(r);
    for (const dir of [...watched.keys()]) {
      try {
        for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) add(path.join(dir, e.name));
      } catch {
        forget(dir);
      }
    }
  };
  for (const r of roots) add(r);
  return {
    close() {
      for (const dir of [...watched.keys()]) forget(dir);
    },
  };
}
