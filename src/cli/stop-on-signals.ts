/**
 * How a command that runs until stopped (`nianbao dev`) ends on a signal: Ctrl+C (SIGINT), a
 * service manager (SIGTERM) or its terminal closing (SIGHUP, which would otherwise end the process
 * at once and leave a preview print's Chromium running). The first signal stops it in order
 * (`stop`: a print under way finishes first); a second one stops it at once, with what the kill
 * cleanups stop (src/pipeline/on-kill.ts: a print's Chromium and its profile folder), and exits
 * with 128 + the signal's number, as a shell reports a process killed by it.
 */
import { constants } from 'node:os';
import { runKillCleanups } from '../pipeline/on-kill.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Resolves once the first signal's `stop` is done. The handlers stay: they keep nothing running, and a second signal must find them. */
export function stopOnSignals(stop: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (!stopping) {
        stopping = true;
        stop().then(resolve, reject);
        return;
      }
      for (const s of SIGNALS) process.off(s, onSignal);
      runKillCleanups();
      process.exit(128 + constants.signals[signal]);
    };
    for (const s of SIGNALS) process.on(s, onSignal);
  });
}
