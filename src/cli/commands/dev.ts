import { constants } from 'node:os';
import pc from 'picocolors';
import { DevStartError, startDev } from '../../dev/dev-server.ts';
import { formatDiagnostic, summarize } from '../../diagnostics/print.ts';
import { runKillCleanups } from '../../pipeline/on-kill.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface DevCommandOptions {
  port?: string;
  host?: string;
}

/** `nianbao dev [path]`: the live preview; runs until Ctrl+C. */
export async function devCommand(target: string, options: DevCommandOptions): Promise<number> {
  const time = () => new Date().toLocaleTimeString('zh-CN', { hour12: false });
  try {
    const handle = await startDev({
      target,
      port: options.port ? Number(options.port) : undefined,
      host: options.host,
      log: (m) => console.log(m),
      report: (diagnostics, ok) => {
        for (const d of diagnostics) console.log(`${formatDiagnostic(d)}\n`);
        console.log(`[${time()}] ${ok ? pc.green('✓ 内容检查通过，预览已更新。') : `${summarize(diagnostics, undefined)} 预览页面显示这些错误，改正并保存后自动恢复。`}`);
      },
    });
    console.log(pc.bold(`\n在浏览器打开 ${handle.url} 预览；保存内容文件后自动检查并刷新。按 Ctrl+C 结束。`));
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (!stopping) {
          // Ctrl+C, a service manager, or the terminal closed (SIGHUP, which would otherwise end the
          // process at once and leave a preview print's Chromium running): a print under way ends first.
          // The handlers stay (they keep nothing running), so that a second signal still finds them.
          stopping = true;
          void handle.stop().then(resolve);
          return;
        }
        // A second signal: stop now, with the browser of a print under way (src/pipeline/on-kill.ts).
        for (const s of SIGNALS) process.off(s, stop);
        runKillCleanups();
        process.exit(128 + constants.signals[signal]);
      };
      for (const s of SIGNALS) process.on(s, stop);
    });
    return 0;
  } catch (e) {
    if (e instanceof DevStartError) {
      console.error(pc.red(e.message));
      return 1;
    }
    throw e;
  }
}
