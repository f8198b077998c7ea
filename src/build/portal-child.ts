/**
 * The process in which Astro renders the portal (started by portal.ts before the first stage runs): it
 * loads Astro, receives the build's model and settings once, renders, answers, and ends, taking
 * the bundler's memory with it.
 */
import module from 'node:module';
import type { ContentModel } from '../content/index.ts';
import { OUTPUT_FORMATS } from '../formats/registry.ts';
import { renderPortal } from '../web/stage.ts';

export interface PortalRequest {
  model: ContentModel;
  outDir: string;
  scratch: string;
  renderOnly?: string[];
  filing: boolean;
  /** The build's output formats by id (their declarations hold functions, which cannot be sent). */
  formats: string[];
}

export type PortalReply = { ok: true } | { ok: false; message: string; stack?: string };

async function serve(request: PortalRequest): Promise<PortalReply> {
  try {
    const formats = request.formats.map((id) => {
      const format = OUTPUT_FORMATS.find((f) => f.id === id);
      if (!format) throw new Error(`未知的输出格式 ${id}`);
      return format;
    });
    await renderPortal({ ...request, renderOnly: request.renderOnly && new Set(request.renderOnly), formats });
    return { ok: true };
  } catch (e) {
    const error = e as Error;
    return { ok: false, message: error.message, stack: error.stack };
  }
}

module.enableCompileCache?.();
// Astro reports usage to its makers unless told not to; a build makes no outside requests.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// Loaded while the request is awaited: the build starts this process while earlier stages run.
import('astro').catch(() => {
  // Failing here fails again, with its message, when the request is served.
});
// The build that started this process has gone: nothing is left to render for.
process.on('disconnect', () => process.exit(1));
process.once('message', (request: PortalRequest) => {
  void serve(request).then((reply) => process.send!(reply, () => process.exit(reply.ok ? 0 : 1)));
});
