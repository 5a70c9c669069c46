/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * The allowed name a misspelt one most likely meant ("tokenSHA256" → "tokenSha256",
 * "regioncode" → "regionCode", "logging" → "log"), or undefined when none is close: at most a third of the
 * name may differ.
 */
export function closestName(name: string, allowed: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  // "logging" for "log", "timeout" for "timeouts": one name is the start of the other.
  const extended = allowed.find((candidate) => {
    const other = candidate.toLowerCase();
    return Math.min(lower.length, other.length) >= 3 && (lower.startsWith(other) || other.startsWith(lower));
  });
  if (extended) return extended;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
