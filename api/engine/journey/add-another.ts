/**
 * "Add another" (GOV.UK's pattern): a summary of the things added so far (household members,
 * funeral items), each with change and remove, and a way to add one more, between a minimum and a
 * maximum. Items live in the answers as `<path>.<index>.<field>` with dense indexes from 0, so the
 * schema sees a list in order; removing one moves those after it down. Pure.
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import { countItems, itemFields, type CollectionDefinition } from './journey.ts';

export type Item = Readonly<Record<string, string>>;

export type CollectionChange = { ok: true; answers: Record<string, string> } | { ok: false; reason: 'at-most' | 'no-such-item' | 'fixed' };

/** The items in order, each as its fields' answers by field path within the item. */
export function itemsOf(collection: CollectionDefinition, answers: FlatAnswers): Item[] {
  const items: Record<string, string>[] = Array.from({ length: countItems(collection, answers) }, () => ({}));
  const prefix = `${collection.path}.`;
  for (const [key, value] of Object.entries(answers)) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    const item = items[Number(rest.slice(0, dot))];
    if (dot > 0 && item) item[rest.slice(dot + 1)] = value;
  }
  return items;
}

function withItems(collection: CollectionDefinition, answers: FlatAnswers, items: readonly Item[]): Record<string, string> {
  const next = Object.fromEntries(Object.entries(answers).filter(([key]) => !key.startsWith(`${collection.path}.`)));
  items.forEach((item, index) => {
    for (const field of itemFields(collection, index)) {
      const value = item[field.path];
      if (value !== undefined) next[`${collection.path}.${index}.${field.path}`] = value;
    }
  });
  return next;
}

/** Adds an item at the end, unless the collection holds its maximum already. Only the collection's own fields are kept. */
export function addItem(collection: CollectionDefinition, answers: FlatAnswers, item: Item): CollectionChange {
  const items = itemsOf(collection, answers);
  if (items.length >= collection.max) return { ok: false, reason: 'at-most' };
  return { ok: true, answers: withItems(collection, answers, [...items, item]) };
}

/** Replaces the item at `index` (its change link). */
export function changeItem(collection: CollectionDefinition, answers: FlatAnswers, index: number, item: Item): CollectionChange {
  const items = itemsOf(collection, answers);
  if (!Number.isInteger(index) || index < 0 || index >= items.length) return { ok: false, reason: 'no-such-item' };
  return { ok: true, answers: withItems(collection, answers, items.map((old, at) => (at === index ? item : old))) };
}

/**
 * Removes the item at `index`; those after it move down one. Going below the minimum is allowed: the
 * step then is not answered until one is added. A known first item (`first`: the applicant) stays:
 * removing it would move someone else into its place and under its name.
 */
export function removeItem(collection: CollectionDefinition, answers: FlatAnswers, index: number): CollectionChange {
  const items = itemsOf(collection, answers);
  if (!Number.isInteger(index) || index < 0 || index >= items.length) return { ok: false, reason: 'no-such-item' };
  if (index === 0 && collection.first) return { ok: false, reason: 'fixed' };
  return { ok: true, answers: withItems(collection, answers, items.filter((_, at) => at !== index)) };
}

/** Whether the item at `index` may be removed (not a known first item). */
export const mayRemove = (collection: CollectionDefinition, index: number): boolean => !(index === 0 && collection.first);

/** What the summary page offers: whether another may be added, and whether the minimum is met. */
export function collectionState(collection: CollectionDefinition, answers: FlatAnswers): { count: number; mayAdd: boolean; enough: boolean } {
  const count = countItems(collection, answers);
  return { count, mayAdd: count < collection.max, enough: count >= collection.min };
}
