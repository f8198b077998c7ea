/**
 * The portal process's answer, heard once the process has ended and its channel has closed
 * ('close', not 'exit'): Node may report the exit before it has read the last message from the
 * channel, and a build then failed saying the process ended without a word (exit code 0) although
 * it had answered.
 */
import type { EventEmitter } from 'node:events';
import type { PortalReply } from './portal-child.ts';
import type { PortalRendered } from '../web/stage.ts';

export function portalReply(child: EventEmitter): Promise<PortalRendered> {
  return new Promise((resolve, reject) => {
    let reply: PortalReply | undefined;
    child.on('message', (m: PortalReply) => (reply = m));
    child.on('error', reject);
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      if (reply?.ok) resolve({ from: reply.from });
      else if (reply) reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
      else reject(new Error(`生成网站的进程意外结束（${signal ? `信号 ${signal}` : `退出码 ${code}`}），网站没有生成。`));
    });
  });
}
