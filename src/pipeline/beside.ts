/**
 * Work a stage leaves running beside the stages after it (BuildContext.beside): the build
 * finishes it before a stage that reads every file, before it publishes, and before it gives up
 * after a failure (so that nothing still writes into a folder being removed).
 */
export interface BesideFailure {
  /** The stage that left the work running. */
  stage: string;
  message: string;
}

export class WorkBeside {
  private readonly running: { stage: string; what: string; outcome: Promise<Error | undefined> }[] = [];

  /** `stage`: the label of the stage leaving it; `what`: the work, for the build log. */
  add(stage: string, what: string, work: Promise<void>): void {
    // Settled into a value at once: a failure is kept until it is looked at, never left unheard.
    this.running.push({ stage, what, outcome: work.then(() => undefined, (e: unknown) => (e instanceof Error ? e : new Error(String(e)))) });
  }

  /** The work still running, by name. */
  get names(): string[] {
    return this.running.map((w) => w.what);
  }

  /** Waits for all of it; the first failure, with the name of the stage that left it. */
  async finish(): Promise<BesideFailure | undefined> {
    let failure: BesideFailure | undefined;
    for (const w of this.running.splice(0)) {
      const error = await w.outcome;
      if (error && !failure) failure = { stage: w.stage, message: error.message };
    }
    return failure;
  }
}
