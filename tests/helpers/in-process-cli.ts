/**
 * `nianbao verify`, `bundle`, `keygen`, `check`, `new` and `import` run in the test's own process,
 * through the functions the CLI calls (src/cli/commands/), with what they print captured: a process
 * costs some 0.3 s of CPU to start (Node, the command's modules), seconds on a loaded machine, and
 * the tests make dozens of these calls. `new` runs with both its arguments given (the action's
 * non-interactive path; the prompt for a missing one is commander's and the terminal's). The arguments are the command line's, mapped to
 * the options as commander maps them (src/cli/main.ts). What only a real process shows (commander's
 * parsing, the exit status set through process.exitCode, variables Node reads at start such as
 * NODE_EXTRA_CA_CERTS) stays with the real CLI runs each test file keeps (tests/integrity/run-cli.ts).
 */
import { format } from 'node:util';
import { vi } from 'vitest';
import { REPO } from './cli.ts';

// As the real runs (NO_COLOR=1): picocolors decides once, as it is loaded, which the commands below
// are only now. A terminal or CI=1 would otherwise colour the captured text.
process.env.NO_COLOR = '1';

export interface CommandRun {
  /** What the command returns, which the CLI makes its exit status. */
  code: number;
  stdout: string;
  stderr: string;
  /** Both, in the order they were written. */
  output: string;
}

const VALUE_OPTIONS: Record<string, string> = {
  '--manifest': 'manifest',
  '--public-key': 'publicKey',
  '--user-agent': 'userAgent',
  '--timeout': 'timeout',
  '--out': 'out',
  '--year': 'year',
  '--issuer': 'issuer',
  '--type-version': 'typeVersion',
  '--content': 'content',
  '--type': 'type',
  '--slug': 'slug',
};
const FLAGS: Record<string, string> = { '--json': 'json', '--quiet': 'quiet', '--require-signature': 'requireSignature', '--force': 'force' };

/** The command line after the command's name: its arguments and its options. */
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

let running = false;

/**
 * Runs `nianbao <args>` in this process: its return value and what it printed, split as a process
 * would have split it between stdout and stderr. One at a time: the capture is of the whole
 * process's console. In `cwd` when given (the process's folder is changed for the call and back),
 * else in the repository, where the real runs start.
 */
export async function runInProcess(args: readonly string[], options: { cwd?: string } = {}): Promise<CommandRun> {
  const [command, ...rest] = args;
  const parsed = parse(rest);
  const run = await commandFor(command, parsed.positional, parsed.options);
  const pc = (await import('picocolors')).default;
  if (pc.isColorSupported) throw new Error('in-process CLI: picocolors was loaded with colours on before tests/helpers/in-process-cli.ts; import the helper first');
  // The real runs start in the repository: bundle prints paths relative to it, keygen looks for a project there.
  if (!options.cwd && process.cwd() !== REPO) throw new Error(`in-process CLI: the test process runs in ${process.cwd()}, the real CLI runs in ${REPO}`);
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

async function commandFor(command: string | undefined, positional: string[], options: Record<string, string | boolean>): Promise<() => number | Promise<number>> {
  const at = (n: number, least = 0) => {
    if (positional.length > n) throw new Error(`in-process CLI: too many arguments for ${command}: ${positional.join(' ')}`);
    if (positional.length < least) throw new Error(`in-process CLI: ${command} needs ${least} arguments`);
  };
  /** The options a command has; any other is refused (run it through the real CLI). */
  const only = (...names: string[]) => {
    for (const k of Object.keys(options)) if (!names.includes(k)) throw new Error(`in-process CLI: ${command} has no option for ${k}`);
  };
  switch (command) {
    case 'verify': {
      at(1);
      if (!positional[0]) throw new Error('in-process CLI: verify needs a folder or URL');
      const { verifyCommand } = await import('../../src/cli/commands/verify.ts');
      return () => verifyCommand(positional[0]!, options);
    }
    case 'bundle': {
      at(1);
      const { bundleCommand } = await import('../../src/cli/commands/bundle.ts');
      return () => bundleCommand(positional[0] ?? 'dist', options);
    }
    case 'keygen': {
      at(0);
      const { keygenCommand } = await import('../../src/cli/commands/keygen.ts');
      return () => keygenCommand(options);
    }
    case 'check': {
      at(1);
      only('json');
      const { checkCommand } = await import('../../src/cli/commands/check.ts');
      return () => checkCommand(positional[0] ?? '.', options);
    }
    case 'new': {
      at(2, 2);
      only('year', 'issuer', 'typeVersion', 'content');
      const { newCommand } = await import('../../src/cli/commands/new.ts');
      const [type, slug] = positional as [string, string];
      return () => newCommand(type, slug, { ...options, type, slug, content: (options['content'] as string | undefined) ?? '.' } as Parameters<typeof newCommand>[2]);
    }
    case 'import': {
      at(1, 1);
      only('type', 'year', 'slug', 'force', 'content', 'json');
      const { importCommand } = await import('../../src/cli/commands/import.ts');
      return () => importCommand(positional[0]!, options);
    }
    default:
      throw new Error(`in-process CLI: no command ${command} (run it through the real CLI)`);
  }
}
