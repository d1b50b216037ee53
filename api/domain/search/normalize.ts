/**
 * Folds text for search so that what a citizen types matches what an author wrote: full-width
 * forms become half-width, letters become lower-case, traditional Chinese becomes simplified.
 *
 * Every step works on one character at a time and keeps a result only when it has the same
 * length in UTF-16 code units, so the output is exactly as long as the input and an offset into
 * it is also an offset into the original text. Highlighting relies on this.
 */
import { to as targetDicts } from 'opencc-js/preset/t2cn';

let traditionalToSimplified: Map<string, string> | undefined;

/**
 * Traditional → simplified, one character at a time, from OpenCC's character table (the `cn`
 * target of the t2cn preset: "from to|from to|…"). Its phrase table is not used: converting one
 * character at a time is what keeps lengths. Reading the table into a Map (a few milliseconds on
 * first use) is much cheaper than OpenCC's converter, which would build a trie of every phrase.
 * The tw/hk variant tables are left out on purpose: they map characters that are also valid
 * simplified (著→着), which would fold distinct words together.
 */
function characterTable(): Map<string, string> {
  const table = new Map<string, string>();
  const dictionaries = (targetDicts['cn'] ?? []).flat() as unknown[];
  for (const dictionary of dictionaries) {
    if (typeof dictionary !== 'string') continue;
    for (const entry of dictionary.split('|')) {
      const [from, to] = entry.split(' ');
      // Single characters only; phrase entries (several characters) are skipped.
      if (from && to && [...from].length === 1 && [...to].length === 1 && from.length === to.length) table.set(from, to);
    }
  }
  return table;
}

function convertCharacter(character: string): string {
  traditionalToSimplified ??= characterTable();
  return traditionalToSimplified.get(character) ?? character;
}

function sameLengthOr(candidate: string, original: string): string {
  return candidate.length === original.length ? candidate : original;
}

/** Text repeats its characters endlessly: each is folded once (a few thousand distinct at most). */
const folded = new Map<string, string>();

function normalizeCharacter(character: string): string {
  if (character.charCodeAt(0) < 0x80) return character.toLowerCase();
  let result = folded.get(character);
  if (result === undefined) {
    const halfWidth = sameLengthOr(character.normalize('NFKC'), character);
    const lowerCase = sameLengthOr(halfWidth.toLowerCase(), halfWidth);
    result = sameLengthOr(convertCharacter(lowerCase), lowerCase);
    folded.set(character, result);
  }
  return result;
}

export function normalizeForSearch(text: string): string {
  let normalized = '';
  // for…of walks code points, so a surrogate pair (CJK extension B…) is handled as one character.
  for (const character of text) normalized += normalizeCharacter(character);
  return normalized;
}
