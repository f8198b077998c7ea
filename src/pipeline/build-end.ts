/**
 * What a build started ahead of a stage that may never come (the stage is not reached when an
 * earlier one fails): whoever starts such a thing registers here how to release it, and takes it
 * back when the stage uses it. build() releases whatever is left when it returns, however it returns.
 */
const releases = new Set<() => Promise<void>>();

/** Registers `release` for the end of the build; the function returned unregisters it. */
export function whenBuildEnds(release: () => Promise<void>): () => void {
  releases.add(release);
  return () => void releases.delete(release);
}

/** Runs every registered release (all of them, whatever one of them throws). */
export async function endOfBuild(): Promise<void> {
  const all = [...releases];
  releases.clear();
  await Promise.allSettled(all.map((release) => release()));
}
