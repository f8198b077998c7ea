/**
 * One report's PDF from a running site (the live preview, `nianbao dev`), printed the way the
 * build prints it: same print page, fonts/ folder, tags, outline and metadata. A browser is started
 * for the one print and closed again.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ReportModel } from '../content/index.ts';
import { findBrowser } from './browser-path.ts';
import { launchChromium } from './chromium.ts';
import { reportDocumentInfo } from './document-info.ts';
import { finishPdf } from './finish-pdf.ts';
import { fontRoutes } from './font-routes.ts';
import { guardPage, printPage } from './print-page.ts';
import { printPagePath } from './print-layout.ts';
import { printSettled } from './print-settle.ts';
import type { SignaturePage } from './signature-page.ts';
import { serveSite } from './site-server.ts';

export interface PreviewPdfOptions {
  /** The site's address with its base path, e.g. http://127.0.0.1:4321/ndbg/ */
  siteUrl: string;
  /** The project root (its fonts/ folder is used). */
  root: string;
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
  /** site.yaml docx.signaturePage. */
  signaturePage?: SignaturePage;
}

export async function printPreviewPdf(report: ReportModel, options: PreviewPdfOptions): Promise<Uint8Array> {
  const found = findBrowser({ env: options.env ?? process.env, platform: process.platform, exists: existsSync, home: homedir() });
  if (!found.ok) throw new Error(found.message);
  const site = new URL(options.siteUrl);
  const base = site.pathname.endsWith('/') ? site.pathname : `${site.pathname}/`;
  // The fonts/ folder is served from a second local server; the page may load from both.
  const fonts = fontRoutes(path.join(options.root, 'fonts'), base, options.log ?? (() => {}));
  const fontServer = fonts.stylesheet ? await serveSite(path.join(options.root, 'fonts'), base, fonts.routes) : undefined;
  const browser = await launchChromium(found.path);
  try {
    const page = await browser.newPage();
    // A development server injects its styles inline, which the pages' policy would refuse.
    await page.setBypassCSP(true);
    await guardPage(page, [site.origin, ...(fontServer ? [fontServer.origin] : [])]);
    const target = {
      url: `${site.origin}${printPagePath(base, report.slug)}`,
      origin: site.origin,
      fontStylesheet: fontServer && fonts.stylesheet ? `${fontServer.origin}${fonts.stylesheet}` : undefined,
    };
    // Continued row groups and a signature alone on its page are handled as in the build (print-settle.ts).
    const printed = await printSettled((beforePrint) => printPage(page, { ...target, beforePrint }), options.signaturePage ?? 'keep-lines');
    return (await finishPdf(printed.pdf, reportDocumentInfo(report))).bytes;
  } finally {
    await browser.close();
    await fontServer?.close();
  }
}
