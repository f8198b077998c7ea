import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.ts';

const sources = (readdirSync(path.join(REPO, 'src'), { recursive: true }) as string[])
  .filter((f) => /\.(ts|mjs|astro)$/.test(f))
  .map((f) => f.split(path.sep).join('/'));

describe('one loading entry point', () => {
  // src/import reads foreign documents (Word, web pages) and writes content files for the loader.
  it('only src/content parses content files (YAML, frontmatter, Markdown)', () => {
    const parsers = /from ['"](yaml|gray-matter|remark-parse|remark-directive|remark-gfm|unified)['"]|markdown\/parse\.ts['"]/;
    const offenders = sources.filter((f) => !f.startsWith('content/') && !f.startsWith('import/') && !f.startsWith('markdown/parse') && parsers.test(readFileSync(path.join(REPO, 'src', f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('code outside src/content reaches content only through the loader', () => {
    // Type-only imports carry no content; value imports of loader internals would.
    const internals = /^import (?!type )[^;]*from ['"][./]*content\/(?!index\.ts)[^'"]+['"]/m;
    const offenders = sources.filter((f) => !f.startsWith('content/') && internals.test(readFileSync(path.join(REPO, 'src', f), 'utf8')));
    // Template discovery for `nianbao new` and the folder-name rule are the only shared internals.
    expect(offenders.filter((f) => f !== 'cli/commands/new.ts')).toEqual([]);
  });
});
