/**
 * The packed model goes to the portal's process through a file (src/build/model-file.ts): read
 * once and removed, removed by the build's end when never read, and a killed build's file is
 * removed by the next build.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelFile, writeModelFile } from '../../src/build/model-file.ts';
import { endOfBuild } from '../../src/pipeline/build-end.ts';

const ours = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`nianbao-portal-model-${process.pid}-`));

describe('the model’s file', () => {
  it('is read once and removed', async () => {
    const file = await writeModelFile([Buffer.from('报告'), Buffer.from('数据')]);
    expect(file && readModelFile(file).toString()).toBe('报告数据');
    expect(existsSync(file!)).toBe(false);
    await endOfBuild();
    expect(ours()).toEqual([]);
  });

  it('holds its chunks in order, however many (written a few hundred to a system call)', async () => {
    const chunks = Array.from({ length: 1500 }, (_, i) => Buffer.from(`${i},`));
    const file = await writeModelFile(chunks);
    expect(readModelFile(file!).toString()).toBe(chunks.map(String).join(''));
    await endOfBuild();
  });

  it('is removed when the build ends before the portal read it', async () => {
    const file = await writeModelFile([Buffer.from('x')]);
    expect(existsSync(file!)).toBe(true);
    await endOfBuild();
    expect(existsSync(file!)).toBe(false);
  });

  it('of a build killed outright is removed by the next, and a running build’s is kept', async () => {
    // Process 2^22 + 1 is above Linux's largest process number: no such process runs.
    const dead = path.join(tmpdir(), `nianbao-portal-model-${2 ** 22 + 1}-abc`);
    const running = path.join(tmpdir(), `nianbao-portal-model-${process.ppid}-abc`);
    writeFileSync(dead, 'x');
    writeFileSync(running, 'x');
    const file = await writeModelFile([Buffer.from('y')]);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(running)).toBe(true);
    readModelFile(running);
    readModelFile(file!);
    await endOfBuild();
  });
});
