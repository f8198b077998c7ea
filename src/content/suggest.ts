/** "Did you mean": the known names nearest to a mistyped one (edit distance, and names that contain it). */
export function nearest(query: string, candidates: readonly string[], max = 3): string[] {
  const q = query.toLowerCase();
  const scored = candidates
    .map((c) => {
      const l = c.toLowerCase();
      const contains = l.includes(q) || q.includes(l);
      return { c, d: contains ? 0 : editDistance(q, l) };
    })
    .filter(({ c, d }) => d <= Math.max(2, Math.floor(Math.max(query.length, c.length) / 2)))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return [...new Set(scored.map((s) => s.c))].slice(0, max);
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
