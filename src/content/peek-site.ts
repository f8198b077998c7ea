import { existsSync } from 'node:fs';
import path from 'node:path';
import { SiteConfig } from '../schema/site.ts';
import { readText } from './read-text.ts';
import { parseYamlSource } from './yaml-source.ts';

/**
 * site.yaml's settings, read before the content (and without its diagnostics, which the load
 * reports): what the build can prepare with the site's address alone, while the reports are read
 * (src/build/portal.ts). Undefined when the file is missing or not valid; `basePath` overrides as
 * loadContent's option does, when it is one.
 */
export function peekSite(contentDir: string, basePath?: string): SiteConfig | undefined {
  const file = path.join(contentDir, 'site.yaml');
  if (!existsSync(file)) return undefined;
  const read = readText(file, 'site.yaml');
  const parsed = read.ok ? parseYamlSource(read.text, 'site.yaml') : undefined;
  const site = parsed?.ok ? SiteConfig.safeParse(parsed.source.data) : undefined;
  if (!site?.success) return undefined;
  if (basePath === undefined) return site.data;
  const override = SiteConfig.shape.basePath.safeParse(basePath);
  return override.success ? { ...site.data, basePath: override.data } : undefined;
}
