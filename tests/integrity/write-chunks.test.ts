import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeChunks } from '../../src/integrity/page-snapshots.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeChunks (the pages file written piece by piece)', () => {
  it('writes more pieces than one writev call takes (IOV_MAX 1,024), in order, replacing what was there', () => {
    const file = path.join(dir, 'pages.json');
    writeFileSync(file, 'x'.repeat(100_000));
    const chunks = Array.from({ length: 3000 }, (_, i) => Buffer.from(`${i ? ',' : ''}"页面${i}":{"n":${i}}`));
    writeChunks(file, chunks);
    expect(readFileSync(file)).toEqual(Buffer.concat(chunks));
  });

  it('writes an empty piece list as an empty file', () => {
    const file = path.join(dir, 'empty.json');
    writeFileSync(file, 'old');
    writeChunks(file, []);
    expect(readFileSync(file).length).toBe(0);
  });
});
