/**
 * The resources are written in parts (the portal's pages in ./zh-CN/ and ./en/, each service's own
 * words in its folder: api/services/<service>/messages/), each part under the keys the pages use,
 * and merged here into one tree per language. A key written by two parts is a mistake, not an
 * override: merging throws, so `npm start` and every test fail on it at once.
 */
type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;

const isTree = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function mergeInto(target: Record<string, unknown>, part: Record<string, unknown>, path: string): void {
  for (const [key, value] of Object.entries(part)) {
    const at = path ? `${path}.${key}` : key;
    const known = target[key];
    if (known === undefined) target[key] = isTree(value) ? mergeTrees({}, value, at) : value;
    else if (isTree(known) && isTree(value)) mergeInto(known, value, at);
    else throw new Error(`the message ${at} is written by two parts of the resources`);
  }
}

function mergeTrees(target: Record<string, unknown>, part: Record<string, unknown>, path: string): Record<string, unknown> {
  mergeInto(target, part, path);
  return target;
}

/** One tree of the parts' keys (their type: every part's keys). */
export function mergeMessages<Parts extends readonly object[]>(...parts: Parts): UnionToIntersection<Parts[number]> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) mergeInto(merged, part as Record<string, unknown>, '');
  return merged as UnionToIntersection<Parts[number]>;
}
