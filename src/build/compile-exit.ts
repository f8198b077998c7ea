/** The argument the process compiling the pages ahead is started with (it takes no other). */
export const COMPILE_ARG = '--compile-pages';

/** How the process compiling the pages ahead ended (portal-child.ts, PortalCompile), by its exit code. */
export const COMPILE_EXIT = { compiled: 0, failed: 1, kept: 2 } as const;

export type CompileOutcome = keyof typeof COMPILE_EXIT;

export function compileOutcome(code: number | null): CompileOutcome {
  return (Object.keys(COMPILE_EXIT) as CompileOutcome[]).find((k) => COMPILE_EXIT[k] === code) ?? 'failed';
}
