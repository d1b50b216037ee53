/** Small helpers shared by the form pages. */

/** An element id for a field path: elder.idNumber → elder-idNumber (no dots to escape in links). */
export function fieldId(name: string): string {
  return name.replace(/\./g, '-');
}

/** A label used mid-sentence in messages ("the older person’s name") at the start of a line. */
export function asLabel(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
