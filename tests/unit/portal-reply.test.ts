/**
 * How the build hears the portal process's answer (src/build/portal-reply.ts). Node may report a
 * child's exit before it has read the child's last message from the channel; the answer counts
 * once the channel has closed too, whatever came first.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { portalReply } from '../../src/build/portal-reply.ts';

describe('the portal process’s answer', () => {
  it('is heard when the exit is reported before the message (as under load), and the process ended well', async () => {
    const child = new EventEmitter();
    const rendered = portalReply(child);
    child.emit('exit', 0, null);
    child.emit('message', { ok: true, from: 'kept' });
    child.emit('close', 0, null);
    await expect(rendered).resolves.toEqual({ from: 'kept' });
  });

  it('carries the process’s own error message when it failed', async () => {
    const child = new EventEmitter();
    const rendered = portalReply(child);
    child.emit('message', { ok: false, message: '第 3 页渲染出错', stack: 'at page' });
    child.emit('exit', 1, null);
    child.emit('close', 1, null);
    await expect(rendered).rejects.toThrow('第 3 页渲染出错');
  });

  it('says in Chinese that the site was not made when the process ended without a word', async () => {
    const child = new EventEmitter();
    const rendered = portalReply(child);
    child.emit('exit', null, 'SIGKILL');
    child.emit('close', null, 'SIGKILL');
    await expect(rendered).rejects.toThrow('生成网站的进程意外结束（信号 SIGKILL），网站没有生成。');
  });

  it('fails with the error of a process that could not be started or spoken to', async () => {
    const child = new EventEmitter();
    const rendered = portalReply(child);
    child.emit('error', new Error('spawn ENOMEM'));
    await expect(rendered).rejects.toThrow('spawn ENOMEM');
  });
});
