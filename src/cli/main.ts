import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { trimCompileCache } from '../pipeline/compile-cache.ts';
import { isInteractive, PromptCancelled, terminalAsk } from './prompt.ts';

// Commands are loaded when used: `verify` from cron should not pay for Astro or the DOCX library.

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Global Options:': '全局选项：',
};

/**
 * The report types a project offers: the folders of its templates/ (nianbao's own when it has
 * none). Read from the folder names alone, so that help stays quick; `nianbao new` loads them.
 */
function reportTypes(project: string): string[] {
  const own = path.resolve(project, 'templates');
  const dir = existsSync(own) ? own : fileURLToPath(new URL('../../templates', import.meta.url));
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
}

/** Commander's own messages, in Chinese. */
function translateError(message: string): string {
  const rules: [RegExp, (...m: string[]) => string][] = [
    [/unknown command '([^']*)'/, (c) => `未知命令“${c}”。可用的命令见 nianbao --help。`],
    [/unknown option '([^']*)'/, (o) => `未知选项“${o}”。`],
    [/missing required argument '([^']*)'/, (a) => `缺少参数 <${a}>。`],
    [/option '([^']*)' argument missing/, (o) => `选项 ${o} 需要一个值。`],
    [/too many arguments.*Expected (\d+) arguments? but got (\d+)/, (e, g) => `参数太多：需要 ${e} 个，给了 ${g} 个。`],
  ];
  for (const [re, say] of rules) {
    const m = re.exec(message);
    if (m) return `错误：${say(...m.slice(1))}\n`;
  }
  return message.replace(/^error:/, '错误：');
}

export function buildProgram(): Command {
  const program = new Command('nianbao');
  program
    .description('政府工作年度报告发布工具：用一份内容生成网站、打印用 PDF 和公文格式 DOCX。')
    .version(process.env.npm_package_version ?? '0.1.0', '-v, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .usage('[选项] [命令]')
    .configureHelp({
      styleTitle: (title) => TITLES[title] ?? title,
      subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}`.trim(),
      // Chinese characters take two terminal columns; commander pads by string length otherwise.
      displayWidth: (text) => [...text.replace(/\x1b\[[0-9;]*m/g, '')].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0),
    })
    .configureOutput({ outputError: (text, write) => write(pc.red(translateError(text))) })
    .showHelpAfterError('（运行 nianbao --help 查看用法）')
    .exitOverride();

  program
    .command('check')
    .usage('[选项] [路径]')
    .description('检查全部内容（格式、必填项、指标、一致性规则、模板），有错误时退出码为 1')
    .argument('[路径]', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .option('--json', '以 JSON 输出诊断信息，供编辑器和其他工具使用')
    .action(async (target: string | undefined, opts: { json?: boolean }) => {
      const { checkCommand } = await import('./commands/check.ts');
      process.exitCode = checkCommand(target ?? '.', opts);
    });

  program
    .command('build')
    .usage('[选项] [路径]')
    .description('检查内容后生成网站、PDF 和 DOCX 到 dist/（失败时不改动原有的 dist/）')
    .argument('[路径]', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .option('--out <文件夹>', '输出文件夹（默认：项目的 dist/）')
    .option('--base <子路径>', '部署子路径，覆盖 site.yaml 的 basePath，如 /fzzfjs/')
    .option('--shard <序号/总数>', '只生成其中一份报告的 PDF 和 Word 文件（CI 分片，如 1/2），之后用 nianbao merge 合并')
    .option('--no-cache', '不使用构建缓存（.cache/nianbao/），全部重新生成')
    .option('--cache-keep <天数>', '构建后立即删除缓存里这么多天没有用到的条目（0：只留这次构建用到的）；不写时每天最多清理一次，删除 30 天没有用到的')
    .option('--verbose', '在 CI 中也逐份报告显示进度（终端里默认显示）')
    .option('--form <形式>', '文件形式：filing 同时生成备案件（带版头和版记的公文，downloads/<报告>-beian.docx 和 .pdf）；public 只生成公开版。不写时按 site.yaml 的 filingCopies')
    .action(async (target: string | undefined, opts: { out?: string; base?: string; shard?: string; cache?: boolean; cacheKeep?: string; verbose?: boolean; form?: string }) => {
      const { buildCommand } = await import('./commands/build.ts');
      process.exitCode = await buildCommand(target ?? '.', opts);
    });

  program
    .command('status')
    .usage('[选项] [路径]')
    .description('各发布机构某一年度应发布的报告：已发布、草稿或缺失，是否按期，检查结果和关注指标；有逾期或错误时退出码为 1')
    .argument('[路径]', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .option('--year <年度>', '报告年度（默认：去年）')
    .option('--json', '输出 JSON（供 CI 使用）')
    .option('--today <日期>', '按这一天判断是否到期，如 2024-02-01（默认：今天，北京时间；也可用环境变量 NIANBAO_TODAY）')
    .action(async (target: string | undefined, opts: { year?: string; json?: boolean; today?: string }) => {
      const { statusCommand } = await import('./commands/status.ts');
      process.exitCode = statusCommand(target ?? '.', opts);
    });

  program
    .command('number')
    .usage('[选项] [路径]')
    .description('把自动编出的索引号写进各报告的 report.yaml（只插入 indexNumber 一行），发布后就不会再变')
    .argument('[路径]', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .option('--year <年度>', '只写这一年度的报告')
    .option('--dry-run', '只列出将写入的索引号，不改动文件')
    .action(async (target: string | undefined, opts: { year?: string; dryRun?: boolean }) => {
      const { numberCommand } = await import('./commands/number.ts');
      process.exitCode = numberCommand(target ?? '.', opts);
    });

  program
    .command('merge')
    .usage('[选项] <分片文件夹...>')
    .description('把 nianbao build --shard 的各分片输出合并成一个 dist/ 和一份清单')
    .argument('<分片文件夹...>', '各分片的输出文件夹')
    .option('--project <路径>', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .option('--out <文件夹>', '输出文件夹（默认：项目的 dist/）')
    .option('--base <子路径>', '部署子路径，与构建分片时相同')
    .action(async (from: string[], opts: { out?: string; base?: string; project?: string }) => {
      const { mergeCommand } = await import('./commands/build.ts');
      process.exitCode = await mergeCommand(from, opts);
    });

  program
    .command('dev')
    .usage('[选项] [路径]')
    .description('实时预览网站：保存内容后自动检查并刷新，错误显示在终端和浏览器里')
    .argument('[路径]', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .option('--port <端口>', '预览端口（默认：4321）')
    .option('--host <地址>', '监听地址（默认：127.0.0.1，只供本机访问）')
    .action(async (target: string | undefined, opts: { port?: string; host?: string }) => {
      const { devCommand } = await import('./commands/dev.ts');
      process.exitCode = await devCommand(target ?? '.', opts);
    });

  program
    .command('new')
    .usage('[选项] [类型] [文件夹名]')
    .description('按模板新建一份报告（不会覆盖已有文件夹）；在终端里不带参数运行时逐项询问')
    .argument('[类型]', '报告类型：templates/ 下一个模板文件夹的名称（见下方“可用的类型”）')
    .argument('[文件夹名]', '报告文件夹名，小写字母、数字和 -，如 chenxi-2023-<类型>')
    .addHelpText('after', () => `\n可用的类型（当前文件夹的 templates/，没有时用 nianbao 自带的模板）：${reportTypes('.').join('、') || '（没有）'}`)
    .option('--year <年度>', '报告所属年度，默认是去年')
    .option('--issuer <机构编号>', '发布机构：issuers.yaml 里的编号（也可写全称），默认是本级政府')
    .option('--type-version <版本>', '模板版本，默认最新')
    .option('--content <路径>', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .action(async (type: string | undefined, slug: string | undefined, opts: { year?: string; issuer?: string; typeVersion?: string; content?: string }) => {
      const { askForNew, newCommand } = await import('./commands/new.ts');
      const given = { ...opts, type, slug, content: opts.content ?? '.' };
      if (!type || !slug) {
        if (!isInteractive()) {
          const types = reportTypes(given.content);
          const example = types[0] ? `nianbao new ${types[0]} chenxi-2023-${types[0]} --year 2023` : 'nianbao new <类型> <文件夹名> --year 2023';
          console.error(pc.red(`错误：缺少参数 <类型> 和 <文件夹名>。在脚本里请写全，如 ${example}。可用的类型：${types.join('、') || '（没有找到 templates/）'}。`));
          process.exitCode = 2;
          return;
        }
        const terminal = terminalAsk();
        try {
          const answers = await askForNew(given, terminal.ask);
          process.exitCode = newCommand(answers.type, answers.slug, answers);
        } catch (e) {
          if (!(e instanceof PromptCancelled)) throw e;
          console.error('\n已取消，没有新建任何文件。');
          process.exitCode = 1;
        } finally {
          terminal.close();
        }
        return;
      }
      process.exitCode = newCommand(type, slug, given);
    });

  program
    .command('import')
    .usage('[选项] <文件或文件夹>')
    .description('把已有的报告（.docx、.doc、.html、.txt、.pdf）转成内容文件夹，并列出需要人工处理的问题；给出文件夹时导入其中每个文件，打印一张汇总表和一份待办清单')
    .argument('<文件或文件夹>', '要导入的报告文件，或放着多份报告的文件夹')
    .option('--type <类型>', '报告类型，默认按标题判断（看不出来时在终端里询问；CI 中不询问，按推断导入并列出）')
    .option('--year <年度>', '报告年度，默认按标题判断')
    .option('--slug <文件夹名>', '报告文件夹名，默认按地名、年度和类型生成')
    .option('--force', '文件夹已存在时替换它')
    .option('--content <路径>', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .option('--json', '以 JSON 输出导入结果')
    .action(async (file: string, opts: { type?: string; year?: string; slug?: string; force?: boolean; content?: string; json?: boolean }) => {
      const { importCommand } = await import('./commands/import.ts');
      if (!isInteractive() || opts.json) {
        process.exitCode = await importCommand(file, opts);
        return;
      }
      const terminal = terminalAsk();
      try {
        const ask = (question: string, choices: { value: string; label: string }[], suggested: string) =>
          terminal.ask(question, { default: suggested, ...(choices.length ? { choices } : {}) });
        process.exitCode = await importCommand(file, { ...opts, ask });
      } catch (e) {
        if (!(e instanceof PromptCancelled)) throw e;
        console.error('\n已取消。');
        process.exitCode = 1;
      } finally {
        terminal.close();
      }
    });

  program
    .command('schema')
    .usage('[选项]')
    .description('生成 VS Code 补全和检查用的 JSON Schema')
    .option('--out <文件夹>', '输出文件夹（默认：schema）')
    .action(async (opts: { out?: string }) => {
      const { schemaCommand } = await import('./commands/schema.ts');
      process.exitCode = schemaCommand(opts.out ?? 'schema');
    });

  program
    .command('conform')
    .usage('[选项] <文件>')
    .description('按 GB/T 9704《党政机关公文格式》检查一份 Word（.docx）或 PDF 文件，列出每条规则的要求、实测和结果；有不通过的规则时退出码为 1，文件无法读取时为 2')
    .argument('<文件>', '要检查的 .docx 或 .pdf 文件（不必是 nianbao 生成的）')
    .option('--json', '以 JSON 输出检查结果')
    .option('--strict', '严格模式：公文字体被替代（PDF 嵌入的字体、Word 指定而本机没有的字体）时算作不通过')
    .action(async (file: string, opts: { json?: boolean; strict?: boolean }) => {
      const { conformCommand } = await import('./commands/conform.ts');
      process.exitCode = await conformCommand(file, opts);
    });

  program
    .command('server-config')
    .usage('[选项] [路径]')
    .description('生成 nginx、Apache、IIS 的服务器配置（安全响应头、404 页、文件类型、缓存）')
    .argument('[路径]', '项目文件夹（默认：当前文件夹）')
    .option('--out <文件夹>', '配置文件放在哪里（默认：项目的 server-config/）')
    .option('--root <文件夹>', '服务器上网站文件所在的文件夹（默认：/var/www/‹子路径›）')
    .option('--base <子路径>', '部署子路径，如 /fzzfjs/（默认：site.yaml 的 basePath）')
    .action(async (target: string | undefined, opts: { out?: string; root?: string; base?: string }) => {
      const { serverConfigCommand } = await import('./commands/server-config.ts');
      process.exitCode = serverConfigCommand(target ?? '.', opts);
    });

  program
    .command('verify')
    .usage('[选项] <文件夹或网址>')
    .description('检查部署的网站与构建清单是否一致（被改、缺失、多出的文件，签名）')
    .argument('<文件夹或网址>', '网站文件夹（如 /var/www/ndbg）或网址（如 https://www.chenxi.gov.cn/ndbg/）')
    .option('--manifest <文件或网址>', '可信的清单（默认：被检查网站里的 manifest.json）')
    .option('--public-key <文件>', '可信的签名公钥（PEM）；指定后清单必须有有效签名')
    .option('--require-signature', '清单没有有效签名时算作不一致')
    .option('--json', '以 JSON 输出结果')
    .option('--quiet', '一致时不输出任何内容（适合 cron）')
    .option('--user-agent <UA>', '用这个 User-Agent 访问网址（如模拟百度爬虫）')
    .option('--timeout <秒>', '通过网址检查时，服务器多少秒没有回应就放弃这个文件（默认：30）')
    .action(async (target: string, opts: { manifest?: string; publicKey?: string; requireSignature?: boolean; json?: boolean; quiet?: boolean; userAgent?: string; timeout?: string }) => {
      // Loaded on use: verify runs from cron on web servers, where start-up time adds up.
      const { verifyCommand } = await import('./commands/verify.ts');
      process.exitCode = await verifyCommand(target, opts);
    });

  program
    .command('bundle')
    .usage('[选项] [输出文件夹]')
    .description('把构建好的网站打成一个 ZIP（含清单），输出 SHA-256')
    .argument('[输出文件夹]', 'nianbao build 的输出文件夹（默认：dist）')
    .option('--out <文件>', 'ZIP 文件路径（默认：dist 旁的 nianbao-<内容版本>.zip）')
    .action(async (dir: string | undefined, opts: { out?: string }) => {
      const { bundleCommand } = await import('./commands/bundle.ts');
      process.exitCode = await bundleCommand(dir ?? 'dist', opts);
    });

  program
    .command('keygen')
    .usage('[选项]')
    .description('生成给清单签名用的密钥对（Ed25519）')
    .option('--out <文件夹>', '密钥文件放在哪里（默认：当前文件夹）')
    .action(async (opts: { out?: string }) => {
      const { keygenCommand } = await import('./commands/keygen.ts');
      process.exitCode = keygenCommand(opts);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    console.error(pc.red(`nianbao 内部错误：${(e as Error).message}`));
    if (process.env.NIANBAO_DEBUG) console.error((e as Error).stack);
    else console.error('（设置环境变量 NIANBAO_DEBUG=1 可看到详细堆栈；请把这条信息报告给维护者。）');
    return 70;
  }
}

// Errors thrown from socket or timer handlers never reach main's catch; users still get no stack.
process.on('uncaughtException', (e) => {
  console.error(pc.red(`nianbao 内部错误：${e.message}`));
  if (process.env.NIANBAO_DEBUG) console.error(e.stack);
  else console.error('（设置环境变量 NIANBAO_DEBUG=1 可看到详细堆栈；请把这条信息报告给维护者。）');
  process.exit(70);
});

// The compile cache bin/nianbao.mjs turned on, kept from growing without end.
trimCompileCache();
process.exitCode = await main(process.argv.slice(2));
