import { afterAll, describe, expect, it } from 'vitest';
import { progressLog } from '../../src/cli/commands/build.ts';

// The build's progress: stage lines always; per-report lines at a terminal, or in CI with --verbose.
describe('build progress output', () => {
  const lines: string[] = [];
  const original = console.log;
  const capture = (fn: () => void) => {
    lines.length = 0;
    console.log = (m: string) => void lines.push(m);
    try {
      fn();
    } finally {
      console.log = original;
    }
    return [...lines];
  };
  const env = { ...process.env };
  afterAll(() => {
    process.env = env;
  });

  it('keeps CI logs to one line per stage', () => {
    process.env.CI = 'true';
    const out = capture(() => {
      const log = progressLog();
      log('[1/4] 生成 Word 文件（公文格式）…');
      log('    downloads/a.docx（19.1 KB）');
    });
    expect(out).toEqual(['[1/4] 生成 Word 文件（公文格式）…']);
  });

  it('shows per-report lines with --verbose', () => {
    process.env.CI = 'true';
    const out = capture(() => {
      const log = progressLog(true);
      log('[1/4] 生成 Word 文件（公文格式）…');
      log('    downloads/a.docx（19.1 KB）');
    });
    expect(out).toHaveLength(2);
  });
});
