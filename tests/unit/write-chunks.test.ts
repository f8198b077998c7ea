import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeChunks } from '../../src/store/files.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeChunks (a file written piece by piece, as the pages file and the type data files are)', () => {
  it('writes more pieces than one writev call takes (IOV_MAX 1,024), in order, replacing what was there', () => {
    const file = path.join(dir, 'pages.json');
    writeFileSync(file, 'x'.repeat(100_000));
    const chunks = Array.from({ length: 3000 }, (_, i) => Buffer.from(`${i ? ',' : ''}"页面${i}":{"n":${i}}`));
    const digest = writeChunks(file, chunks);
    const whole = Buffer.concat(chunks);
    expect(readFileSync(file)).toEqual(whole);
    expect(digest).toEqual({ size: whole.length, sha256: createHash('sha256').update(whole).digest('hex') });
  });

  it('writes an empty piece list as an empty file', () => {
    const file = path.join(dir, 'empty.json');
    writeFileSync(file, 'old');
    writeChunks(file, []);
    expect(readFileSync(file).length).toBe(0);
  });
});
