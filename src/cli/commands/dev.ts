import pc from 'picocolors';
import { DevStartError, startDev } from '../../dev/dev-server.ts';
import { formatDiagnostic, summarize } from '../../diagnostics/print.ts';
import { stopOnSignals } from '../stop-on-signals.ts';

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
    await stopOnSignals(() => handle.stop());
    return 0;
  } catch (e) {
    if (e instanceof DevStartError) {
      console.error(pc.red(e.message));
      return 1;
    }
    throw e;
  }
}
