import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { newCommand } from './commands/new.ts';
import { schemaCommand } from './commands/schema.ts';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Global Options:': '全局选项：',
};

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
    .action((target: string | undefined, opts: { json?: boolean }) => {
      process.exitCode = checkCommand(target ?? '.', opts);
    });

  program
    .command('build')
    .usage('[选项] [路径]')
    .description('检查内容后生成网站、PDF 和 DOCX 到 dist/（失败时不改动原有的 dist/）')
    .argument('[路径]', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .option('--out <文件夹>', '输出文件夹（默认：项目的 dist/）')
    .option('--base <子路径>', '部署子路径，覆盖 site.yaml 的 basePath，如 /fzzfjs/')
    .action(async (target: string | undefined, opts: { out?: string; base?: string }) => {
      process.exitCode = await buildCommand(target ?? '.', opts);
    });

  program
    .command('new')
    .usage('[选项] <类型> <文件夹名>')
    .description('按模板新建一份报告（不会覆盖已有文件夹）')
    .argument('<类型>', 'fazhi-zhengfu（法治政府建设）、xinxi-gongkai（政府信息公开）或 gongzuo-baogao（工作报告）')
    .argument('<文件夹名>', '报告文件夹名，小写字母、数字和 -，如 chenxi-2023-fazhi-zhengfu')
    .option('--year <年度>', '报告所属年度，默认是去年')
    .option('--issuer <发布机构>', '发布机构，默认取 site.yaml 的 government')
    .option('--type-version <版本>', '模板版本，默认最新')
    .option('--content <路径>', '项目文件夹或内容文件夹（默认：当前文件夹）')
    .action((type: string, slug: string, opts: { year?: string; issuer?: string; typeVersion?: string; content?: string }) => {
      process.exitCode = newCommand(type, slug, { ...opts, content: opts.content ?? '.' });
    });

  program
    .command('schema')
    .usage('[选项]')
    .description('生成 VS Code 补全和检查用的 JSON Schema')
    .option('--out <文件夹>', '输出文件夹（默认：schema）')
    .action((opts: { out?: string }) => {
      process.exitCode = schemaCommand(opts.out ?? 'schema');
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

process.exitCode = await main(process.argv.slice(2));
