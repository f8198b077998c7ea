import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/schema/json-schema.ts';
import { REPO } from '../helpers/cli.ts';

describe('JSON Schemas for editors', () => {
  const schemas = jsonSchemas();
  it.each(Object.keys(schemas))('schema/%s is generated from the current zod schemas', (name) => {
    const committed = JSON.parse(readFileSync(path.join(REPO, 'schema', name), 'utf8'));
    expect(committed, 'run `npm run schema` and commit the result').toEqual(JSON.parse(JSON.stringify(schemas[name])));
  });

  it('describes report.yaml fields in Chinese, with the required ones required', () => {
    const report = schemas['report.schema.json'] as { properties: Record<string, { title?: string }>; required: string[] };
    expect(report.properties['issuer']!.title).toBe('发布机构');
    expect(report.properties['indexNumber']!.title).toBe('索引号');
    expect(report.required).toEqual(expect.arrayContaining(['title', 'year', 'type', 'issuer', 'writtenDate', 'publishedAt']));
    // 索引号 is derived from the issuer's pattern when a report has none.
    expect(report.required).not.toContain('indexNumber');
  });

  it('describes issuers.yaml, with the credit code and kind required', () => {
    const file = schemas['issuers.schema.json'] as { properties: { issuers: { items: { properties: Record<string, { title?: string }>; required: string[] } } } };
    const issuer = file.properties.issuers.items;
    expect(issuer.properties['creditCode']!.title).toBe('统一社会信用代码');
    expect(issuer.required).toEqual(expect.arrayContaining(['id', 'name', 'kind', 'creditCode']));
  });

  it('is wired to the content files in the VS Code settings', () => {
    const settings = JSON.parse(readFileSync(path.join(REPO, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string> };
    expect(settings['yaml.schemas']['./schema/report.schema.json']).toBe('content/reports/*/report.yaml');
    expect(settings['yaml.schemas']['./schema/issuers.schema.json']).toBe('content/issuers.yaml');
  });
});
