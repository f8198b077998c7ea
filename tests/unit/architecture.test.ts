import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';
import { REPO } from '../helpers/cli.ts';

const SRC = path.join(REPO, 'src');
const sources = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => /\.(ts|mjs|js|astro)$/.test(f))
  .map((f) => f.split(path.sep).join('/'));
const textOf = (f: string) => readFileSync(path.join(SRC, f), 'utf8');

describe('one loading entry point', () => {
  // src/import reads foreign documents (Word, web pages) and writes content files for the loader.
  it('only src/content parses content files (YAML, frontmatter, Markdown)', () => {
    const parsers = /from ['"](yaml|gray-matter|remark-parse|remark-directive|remark-gfm|unified)['"]|markdown\/parse\.ts['"]/;
    const offenders = sources.filter((f) => !f.startsWith('content/') && !f.startsWith('import/') && !f.startsWith('markdown/parse') && parsers.test(textOf(f)));
    expect(offenders).toEqual([]);
  });

  it('code outside src/content reaches content only through the loader', () => {
    // Type-only imports carry no content; value imports of loader internals would. The functions
    // over a loaded model's series (series.ts) load no parser: the pages take them from there.
    const internals = /^import (?!type )[^;]*from ['"][./]*content\/(?!index\.ts|series\.ts)[^'"]+['"]/m;
    const offenders = sources.filter((f) => !f.startsWith('content/') && internals.test(textOf(f)));
    // Template discovery for `nianbao new` and the folder-name rule are the only shared internals.
    expect(offenders.filter((f) => f !== 'cli/commands/new.ts')).toEqual([]);
  });
});

/**
 * Which folder of src/ may import which: the layers from the command line down to the schema.
 * Every import, type-only ones too, must follow it; a folder not in the table fails until it is
 * placed. Orchestration (build) is reached only from the CLI and the dev server; the renderers
 * (docx, pdf, web, integrity) work against the pipeline core's contracts; the registry of output
 * formats (formats) sits above the format folders it lists; store (files, the cache, zip, pdf.js)
 * is a leaf that the readers of PDFs (import, conform) share too. The table itself has no circle.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  cli: ['build', 'conform', 'content', 'dev', 'diagnostics', 'formats', 'import', 'integrity', 'metrics', 'paths', 'pipeline', 'schema', 'server-config'],
  dev: ['content', 'diagnostics', 'formats', 'pipeline', 'web'],
  build: ['content', 'diagnostics', 'formats', 'integrity', 'pipeline', 'store', 'web'],
  formats: ['docx', 'ofd', 'pdf', 'pipeline'],
  pages: ['components', 'content', 'layouts', 'metrics', 'pdf', 'schema', 'web'],
  layouts: ['components', 'styles', 'web'],
  components: ['content', 'docx', 'markdown', 'metrics', 'official', 'pdf', 'schema', 'tables', 'web'],
  'server-config': ['web'],
  pdf: ['conform', 'content', 'official', 'paths', 'pipeline', 'schema', 'store', 'web'],
  ofd: ['content', 'pdf', 'pipeline', 'store', 'web'],
  docx: ['content', 'markdown', 'metrics', 'official', 'paths', 'pipeline', 'schema', 'store', 'tables', 'web'],
  web: ['content', 'diagnostics', 'markdown', 'metrics', 'pipeline', 'schema', 'store'],
  integrity: ['lint', 'paths', 'pipeline', 'store'],
  pipeline: ['content', 'store'],
  import: ['content', 'diagnostics', 'lint', 'metrics', 'paths', 'schema', 'store'],
  conform: ['store'],
  official: ['content'],
  tables: ['content', 'metrics', 'schema'],
  content: ['diagnostics', 'lint', 'markdown', 'metrics', 'paths', 'schema', 'store'],
  lint: ['diagnostics', 'markdown', 'schema'],
  markdown: [],
  metrics: ['schema'],
  schema: [],
  store: [],
  paths: [],
  diagnostics: [],
  styles: [],
};

/** Every relative import of a file (static, re-export, dynamic, type-only) that lands in another folder of src/. */
function crossFolderImports(file: string, text: string): { to: string; spec: string }[] {
  const from = file.split('/')[0]!;
  const found: { to: string; spec: string }[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.\.?\/[^'"]+)['"]/gm)) {
    const target = path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), m[1]!)).split(path.sep).join('/');
    const to = target.split('/')[0]!;
    if (!target.startsWith('..') && target.includes('/') && to !== from) found.push({ to, spec: m[1]! });
  }
  return found;
}

/** The imports of a file against the table, as messages. */
const againstTable = (file: string, text: string): string[] =>
  crossFolderImports(file, text)
    .filter(({ to }) => !(MAY_IMPORT[file.split('/')[0]!] ?? []).includes(to))
    .map(({ to, spec }) => `src/${file} imports ${spec}: src/${file.split('/')[0]} may not import src/${to}`);

describe('folder directions', () => {
  it('places every folder of src/ in the table', () => {
    const folders = [...new Set(sources.filter((f) => f.includes('/')).map((f) => f.split('/')[0]!))].sort();
    expect(folders.filter((f) => !(f in MAY_IMPORT))).toEqual([]);
  });

  it('has no import against the table', () => {
    expect(sources.flatMap((file) => againstTable(file, textOf(file)))).toEqual([]);
  });

  it('reaches src/build only from the CLI and the dev server', () => {
    const importers = Object.keys(MAY_IMPORT).filter((f) => MAY_IMPORT[f]!.includes('build'));
    expect(importers.filter((f) => f !== 'cli' && f !== 'dev')).toEqual([]);
    expect(importers).toContain('cli');
  });

  it('has no circle of folders, so none can come back through an edit of the table', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circle: string[] = [];
    const visit = (folder: string, trail: string[]): boolean => {
      if (state.get(folder) === 'done') return false;
      if (state.get(folder) === 'open') return circle.push(...trail.slice(trail.indexOf(folder)), folder) > 0;
      state.set(folder, 'open');
      const found = (MAY_IMPORT[folder] ?? []).some((to) => visit(to, [...trail, folder]));
      state.set(folder, 'done');
      return found;
    };
    Object.keys(MAY_IMPORT).some((f) => visit(f, []));
    expect(circle).toEqual([]);
  });

  it('catches an import against the table, type-only and dynamic ones too', () => {
    // The PDF stage as it would be with a renderer reaching back into the build or the registry.
    const stage = textOf('pdf/stage.ts');
    const reaching = [
      "import type { BuildCache } from '../build/cache.ts';",
      "const { OUTPUT_FORMATS } = await import('../formats/registry.ts');",
      "export { stagesFor } from '../build/stages.ts';",
    ];
    expect(againstTable('pdf/stage.ts', `${reaching.join('\n')}\n${stage}`)).toEqual([
      'src/pdf/stage.ts imports ../build/cache.ts: src/pdf may not import src/build',
      'src/pdf/stage.ts imports ../formats/registry.ts: src/pdf may not import src/formats',
      'src/pdf/stage.ts imports ../build/stages.ts: src/pdf may not import src/build',
    ]);
  });
});

/**
 * What a module loads as it is imported: its static value imports, followed through src/ (type-only
 * imports are erased; dynamic ones load on use). Packages are named, not followed.
 */
function loadedWith(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of textOf(file).matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      // Vite's asset imports (`?url`, `?raw`) and stylesheets load no code.
      const spec = m[1]!.replace(/\?.*$/, '');
      if (spec.startsWith('.') && !/\.(ts|mjs|js|astro)$/.test(spec)) continue;
      if (spec.startsWith('.')) visit(path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), spec)).split(path.sep).join('/'));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('commands that build nothing', () => {
  // `verify` runs from cron on web servers: the output formats are known to it by their
  // declarations alone, and each stage's code (Chromium's driver, the PDF and Word libraries,
  // some 1 s of CPU to load) comes only when a build runs the stage.
  const STAGE_PACKAGES = ['astro', 'docx', 'harfbuzzjs', 'pdf-lib', 'pdfjs-dist', 'puppeteer-core', 'sharp'];

  it.each(['cli/commands/verify.ts', 'cli/commands/bundle.ts', 'cli/commands/server-config.ts', 'build/portal-child.ts'])('%s loads no stage of an output format', (entry) => {
    const { files, packages } = loadedWith(entry);
    expect(files).toContain('formats/registry.ts');
    expect([...files].filter((f) => /^(docx|pdf|ofd)\/stage\.ts$/.test(f))).toEqual([]);
    expect([...packages].filter((p) => STAGE_PACKAGES.includes(p))).toEqual([]);
  });

  // The portal's process and the pages render a model already read: loading the content loader's
  // parsers (YAML, Markdown, the lint's dictionaries) cost every build's portal process some 0.3 s of CPU.
  const PARSERS = ['yaml', 'js-yaml', 'gray-matter', 'unified', 'remark-parse', 'remark-gfm', 'opencc-js'];
  it.each(['build/portal-child.ts', ...sources.filter((f) => f.startsWith('pages/'))])('%s loads no content parser', (entry) => {
    const { files, packages } = loadedWith(entry);
    expect([...files].filter((f) => f === 'content/index.ts' || f.startsWith('lint/') || f.startsWith('markdown/parse'))).toEqual([]);
    expect([...packages].filter((p) => PARSERS.includes(p))).toEqual([]);
  });

  it('sees a stage loaded statically', () => {
    const { files, packages } = loadedWith('pdf/stage.ts');
    expect(files).toContain('pdf/chromium.ts');
    expect(packages).toContain('puppeteer-core');
  });
});

/**
 * Output format ids as code names them: a quoted id, not as a package name in an import. The
 * same words are file types elsewhere, and those places are no output ids: conform checks any
 * Word or PDF file it is given by its first bytes, and import asks LibreOffice to convert to a
 * .docx. (The web servers' MIME types for the formats' files come from the registry.)
 */
const FILE_TYPE_WORDS = ['conform/', 'import/doc-conversion.ts'];

describe('output formats', () => {
  const namers = (id: string) => {
    const quoted = new RegExp(`(?<!from\\s+|import\\(\\s*)(['"\`])${id}\\1`);
    return sources.filter((f) => !FILE_TYPE_WORDS.some((w) => f.startsWith(w)) && quoted.test(textOf(f)));
  };

  it('has ids usable as cache folders and preview addresses, each once', () => {
    const ids = OUTPUT_FORMATS.map((f) => f.id);
    expect(ids.every((id) => /^[a-z0-9-]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(OUTPUT_FORMATS.map((f) => f.id))('names "%s" only in its own folder and the registry', (id) => {
    const files = namers(id);
    // The folder declaring it: where `id: '<id>'` is written.
    const own = files.filter((f) => new RegExp(`\\bid: ['"]${id}['"]`).test(textOf(f))).map((f) => f.split('/')[0]!);
    expect(own.length).toBeGreaterThan(0);
    expect(files.filter((f) => !own.includes(f.split('/')[0]!) && f !== 'formats/registry.ts')).toEqual([]);
  });
});

describe('report types as data', () => {
  // A type is a folder under templates/: code lists them from there and names none.
  const types = readdirSync(path.join(REPO, 'templates'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

  it.each(types)('names the type "%s" nowhere in src/', (type) => {
    expect(sources.filter((f) => textOf(f).includes(type))).toEqual([]);
  });
});
