/**
 * `nianbao check`, `new` and `import` run in the test's own process, through the functions the CLI
 * calls (src/cli/commands/), with what they print captured: for tests/content/cli.test.ts and
 * tests/import/slug-escape.test.ts, which check many cases of these commands and keep a real CLI run
 * of each behaviour (a process costs Node's start and the command's modules, seconds on a loaded
 * machine). The arguments are the command line's, mapped to the options as commander maps them
 * and passed on as the actions in src/cli/main.ts pass them (not in a terminal: nothing is asked).
 */
import { format } from 'node:util';
import { vi } from 'vitest';

// As the real runs (NO_COLOR=1): picocolors decides once, as it is loaded, which the commands below are only now.
process.env.NO_COLOR = '1';

export interface CommandRun {
  /** What the command returns, which the CLI makes its exit status. */
  code: number;
  stdout: string;
  stderr: string;
  /** Both, in the order they were written. */
  output: string;
}

const VALUE_OPTIONS: Record<string, string> = { '--year': 'year', '--issuer': 'issuer', '--type-version': 'typeVersion', '--content': 'content', '--type': 'type', '--slug': 'slug' };
const FLAGS: Record<string, string> = { '--json': 'json', '--force': 'force' };

function parse(args: readonly string[]): { positional: string[]; options: Record<string, string | boolean> } {
  const positional: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg in FLAGS) options[FLAGS[arg]!] = true;
    else if (arg in VALUE_OPTIONS) {
      if (i + 1 >= args.length) throw new Error(`in-process CLI: ${arg} needs a value`);
      options[VALUE_OPTIONS[arg]!] = args[++i]!;
    } else if (arg.startsWith('-')) throw new Error(`in-process CLI: unknown option ${arg} (run it through the real CLI)`);
    else positional.push(arg);
  }
  return { positional, options };
}

async function commandFor(command: string | undefined, positional: string[], options: Record<string, string | boolean>): Promise<() => number | Promise<number>> {
  const allowed = (names: string[], most: number, least = most) => {
    for (const k of Object.keys(options)) if (!names.includes(k)) throw new Error(`in-process CLI: ${command} has no option for ${k}`);
    if (positional.length > most || positional.length < least) throw new Error(`in-process CLI: ${command} takes ${least}–${most} arguments, got ${positional.join(' ')}`);
  };
  switch (command) {
    case 'check': {
      allowed(['json'], 1, 0);
      const { checkCommand } = await import('../../src/cli/commands/check.ts');
      return () => checkCommand(positional[0] ?? '.', options);
    }
    case 'new': {
      // Both given: the action's non-interactive path (a missing one is commander's and the prompt's, real CLI only).
      allowed(['year', 'issuer', 'typeVersion', 'content'], 2);
      const { newCommand } = await import('../../src/cli/commands/new.ts');
      const [type, slug] = positional as [string, string];
      return () => newCommand(type, slug, { ...options, type, slug, content: (options['content'] as string | undefined) ?? '.' } as Parameters<typeof newCommand>[2]);
    }
    case 'import': {
      allowed(['type', 'year', 'slug', 'force', 'content', 'json'], 1);
      const { importCommand } = await import('../../src/cli/commands/import.ts');
      return () => importCommand(positional[0]!, options);
    }
    default:
      throw new Error(`in-process CLI: no command ${command} (run it through the real CLI)`);
  }
}

let running = false;

/**
 * Runs `nianbao <args>` (check, new or import) in this process: its return value and what it
 * printed. One at a time; in `cwd` as the real run would be (the process's folder is changed for
 * the call and changed back).
 */
export async function runCommandInProcess(args: readonly string[], options: { cwd?: string } = {}): Promise<CommandRun> {
  const [command, ...rest] = args;
  const parsed = parse(rest);
  const run = await commandFor(command, parsed.positional, parsed.options);
  const pc = (await import('picocolors')).default;
  if (pc.isColorSupported) throw new Error('in-process CLI: picocolors was loaded with colours on before tests/helpers/content-commands-in-process.ts; import the helper first');
  if (running) throw new Error('in-process CLI: another command is running in this process');
  running = true;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: string[] = [];
  const to = (stream: string[]) => (text: string) => {
    stream.push(text);
    output.push(text);
  };
  const out = to(stdout);
  const err = to(stderr);
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => out(`${format(...a)}\n`)),
    vi.spyOn(console, 'info').mockImplementation((...a: unknown[]) => out(`${format(...a)}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => err(`${format(...a)}\n`)),
    vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => err(`${format(...a)}\n`)),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err(String(chunk)), true)),
  ];
  const outer = process.cwd();
  try {
    if (options.cwd) process.chdir(options.cwd);
    const code = await run();
    return { code, stdout: stdout.join(''), stderr: stderr.join(''), output: output.join('') };
  } finally {
    process.chdir(outer);
    for (const s of spies) s.mockRestore();
    running = false;
  }
}
