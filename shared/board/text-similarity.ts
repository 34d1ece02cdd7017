/**
 * Text similarity for matching notes that have no lineage (written anew in a later session): the Dice
 * coefficient of the two texts' word sets. Words are lower-cased letter/digit runs with accents folded, so
 * "Invoice: double charge!" and "double charge on invoice" score high while punctuation and case do not count.
 */

/** Two texts whose similarity reaches this are taken as the same note (documented in docs/export.md, CMP-MATCH-1). */
export const SIMILARITY_THRESHOLD = 0.5;

/** The set of words of a text. */
export function wordSet(text: string): Set<string> {
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return new Set(folded.match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** 2·|A∩B| / (|A|+|B|) over word sets, in 0..1; 0 when either text has no words. */
export function textSimilarity(a: string, b: string): number {
  const wa = wordSet(a);
  const wb = wordSet(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const word of wa) if (wb.has(word)) common += 1;
  return (2 * common) / (wa.size + wb.size);
}

/** One matched pair of items, by index into the two lists. */
export interface Match {
  thenIndex: number;
  nowIndex: number;
  method: 'lineage' | 'similarity';
  /** 1 for lineage, else the text similarity rounded to 2 decimals */
  similarity: number;
}

/**
 * Matches two lists one-to-one: first by equal id (lineage: carried-over notes keep their id), then the rest
 * greedily by text similarity at or above SIMILARITY_THRESHOLD, best pair first, ties by position, so the
 * result is deterministic.
 */
export function matchByLineageThenText(
  then: readonly { id: string; text: string }[],
  now: readonly { id: string; text: string }[],
): Match[] {
  const matches: Match[] = [];
  const nowById = new Map(now.map((n, i) => [n.id, i]));
  const usedThen = new Set<number>();
  const usedNow = new Set<number>();
  then.forEach((t, i) => {
    const j = nowById.get(t.id);
    if (j === undefined) return;
    matches.push({ thenIndex: i, nowIndex: j, method: 'lineage', similarity: 1 });
    usedThen.add(i);
    usedNow.add(j);
  });
  const candidates: Match[] = [];
  then.forEach((t, i) => {
    if (usedThen.has(i)) return;
    now.forEach((n, j) => {
      if (usedNow.has(j)) return;
      const score = textSimilarity(t.text, n.text);
      if (score >= SIMILARITY_THRESHOLD) candidates.push({ thenIndex: i, nowIndex: j, method: 'similarity', similarity: Math.round(score * 100) / 100 });
    });
  });
  candidates.sort((a, b) => b.similarity - a.similarity || a.thenIndex - b.thenIndex || a.nowIndex - b.nowIndex);
  for (const c of candidates) {
    if (usedThen.has(c.thenIndex) || usedNow.has(c.nowIndex)) continue;
    matches.push(c);
    usedThen.add(c.thenIndex);
    usedNow.add(c.nowIndex);
  }
  return matches.sort((a, b) => a.nowIndex - b.nowIndex);
}
