import { runCliParallel } from '../helpers/cli.ts';

/**
 * Runs the nianbao CLI without blocking the test process, so that a server started by the test
 * (verify over HTTP) can answer it. Most calls of verify, bundle and keygen run in the test's
 * process instead (tests/helpers/in-process-cli.ts); each file keeps a few of these real ones.
 */
export function runCliAsync(args: string[], env: Record<string, string> = {}): ReturnType<typeof runCliParallel> {
  return runCliParallel(args, { env });
}
