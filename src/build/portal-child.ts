/**
 * The process in which the portal is rendered (started by portal.ts before the first stage runs): it
 * receives the build's model while the earlier stages run and loads the pages' modules kept from an
 * earlier build (or Astro, which will bundle them), then what to render, renders, answers, and ends,
 * taking the render's memory with it.
 */
import type { ContentModel } from '../content/index.ts';
import { OUTPUT_FORMATS } from '../formats/registry.ts';
import { compilePages, preparePortal, renderPortal, type PortalRendered } from '../web/stage.ts';
import { modelFromFile, unpackModel, type PackedModel } from './portal-model.ts';
import { readModelFile } from './model-file.ts';
import { COMPILE_EXIT } from './compile-exit.ts';

/** What a render needs besides the model, which is sent before it (`PortalModel`), often much earlier. */
export interface PortalRequest {
  kind: 'render';
  outDir: string;
  scratch: string;
  renderOnly?: string[];
  /** Only these issuers' pages (an incremental build); every issuer's when unset. */
  renderIssuers?: string[];
  filing: boolean;
  /** The build's output formats by id (their declarations hold functions, which cannot be sent). */
  formats: string[];
}

/**
 * The build's model, sent as soon as the content is read (packed: portal-model.ts), in a file
 * (model-file.ts) or, when that could not be written, in the message; a later one replaces it.
 */
export type PortalModel = { kind: 'model'; file: string } | { kind: 'model'; model: PackedModel };

/**
 * The site's settings, sent by a build before it reads the content (site.yaml peeked) to a process
 * of its own, which has Astro compile the pages when none are kept for this code version and site
 * address, on the core the reading leaves idle, and ends: its exit code says how (compile-exit.ts).
 */
export interface PortalCompile {
  kind: 'compile';
  site: ContentModel['site'];
}

export type PortalReply = ({ ok: true } & PortalRendered) | { ok: false; message: string; stack?: string };

async function serve(request: PortalRequest, model: ContentModel | undefined): Promise<PortalReply> {
  try {
    if (!model) throw new Error('生成网站的进程没有收到报告数据');
    const formats = request.formats.map((id) => {
      const format = OUTPUT_FORMATS.find((f) => f.id === id);
      if (!format) throw new Error(`未知的输出格式 ${id}`);
      return format;
    });
    const rendered = await renderPortal({ ...request, model, renderOnly: request.renderOnly && new Set(request.renderOnly), renderIssuers: request.renderIssuers && new Set(request.renderIssuers), formats });
    return { ok: true, ...rendered };
  } catch (e) {
    const error = e as Error;
    return { ok: false, message: error.message, stack: error.stack };
  }
}

// Node's compile cache comes with the environment portal.ts starts this process with (src/pipeline/compile-cache.ts).
// Astro reports usage to its makers unless told not to; a build makes no outside requests.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// The build that started this process has gone: nothing is left to render for.
process.on('disconnect', () => process.exit(1));
let model: ContentModel | undefined;
process.on('message', (message: PortalCompile | PortalModel | PortalRequest) => {
  if (message.kind === 'compile') {
    void compilePages(message.site).then((how) => process.exit(COMPILE_EXIT[how]));
    return;
  }
  if (message.kind === 'model') {
    try {
      model = unpackModel('file' in message ? modelFromFile(readModelFile(message.file)) : message.model);
      // Loaded while the request is awaited: the build sends the model while earlier stages run.
      preparePortal(model.site);
    } catch {
      // The file of a build that has ended meanwhile (removed): the next build sends its own.
      model = undefined;
    }
    return;
  }
  void serve(message, model).then((reply) => process.send!(reply, () => process.exit(reply.ok ? 0 : 1)));
});
