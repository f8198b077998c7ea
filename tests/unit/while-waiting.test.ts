/** Work queued for when the build's thread waits on the portal's process (src/pipeline/while-waiting.ts). */
import { describe, expect, it } from 'vitest';
import { endOfBuild } from '../../src/pipeline/build-end.ts';
import { nowWaiting, whileWaiting } from '../../src/pipeline/while-waiting.ts';

describe('whileWaiting', () => {
  it('runs nothing before the thread waits, then each piece in turn, a failing one included', async () => {
    const ran: string[] = [];
    const first = whileWaiting(async () => void ran.push('pdf.js'));
    const failing = whileWaiting(async () => {
      ran.push('fonts');
      throw new Error('unreadable font');
    });
    const last = whileWaiting(async () => void ran.push('code'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual([]);
    nowWaiting();
    await Promise.all([first, failing, last]);
    expect(ran).toEqual(['pdf.js', 'fonts', 'code']);
    // Run once: waiting again runs nothing more.
    nowWaiting();
    await endOfBuild();
    expect(ran).toEqual(['pdf.js', 'fonts', 'code']);
  });

  it('drops what the build never waited for when it ends, and settles its promise', async () => {
    let ran = false;
    const queued = whileWaiting(async () => void (ran = true));
    await endOfBuild();
    await queued;
    nowWaiting();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toBe(false);
  });
});
