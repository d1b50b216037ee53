/**
 * Folds text for search so that what a citizen types matches what an author wrote: full-width
 * forms become half-width, letters become lower-case, traditional Chinese becomes simplified.
 *
 * Every step works on one character at a time and keeps a result only when it has the same
 * length in UTF-16 code units, so the output is exactly as long as the input and an offset into
 * it is also an offset into the original text. Highlighting relies on this.
 */
import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import { to as targetDicts } from 'opencc-js/preset/t2cn';

let traditionalToSimplified: ConverterFunction | undefined;

/**
 * The `cn` target dictionaries (TSPhrases + TSCharacters) from the typed t2cn preset. Only the
 * single-character entries can ever match because we convert one character at a time; phrase-level
 * conversion would change lengths. The `from: tw/hk` variant tables are left out on purpose: they
 * map characters that are also valid simplified (著→着), which would fold distinct words together.
 * The trie is built on first use, not at import, so importing this module stays cheap.
 */
function convertCharacter(character: string): string {
  traditionalToSimplified ??= ConverterFactory(targetDicts['cn'] ?? []);
  return traditionalToSimplified(character);
}

function sameLengthOr(candidate: string, original: string): string {
  return candidate.length === original.length ? candidate : original;
}

function normalizeCharacter(character: string): string {
  if (character.charCodeAt(0) < 0x80) return character.toLowerCase();
  const halfWidth = sameLengthOr(character.normalize('NFKC'), character);
  const lowerCase = sameLengthOr(halfWidth.toLowerCase(), halfWidth);
  return sameLengthOr(convertCharacter(lowerCase), lowerCase);
}

export function normalizeForSearch(text: string): string {
  let normalized = '';
  // for…of walks code points, so a surrogate pair (CJK extension B…) is handled as one character.
  for (const character of text) normalized += normalizeCharacter(character);
  return normalized;
}
