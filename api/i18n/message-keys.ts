/**
 * Message keys typed against the source language (zh-CN, docs/decisions/037): a key written in code
 * is one of the resources' keys, or the type check fails. Plural forms (`_one`, `_other`) and elder
 * mode's wording (`_elder`) are variants i18next chooses, so the key written is the one without them.
 *
 * A key built at run time from a value (`fields.${path}`) cannot be checked by the compiler; it is
 * written with the `dynamicKey` tag (t(dynamicKey`fields.${path}`)), so that every such place is marked and found
 * by a search, and the tests that render every page in both languages (tests/html/every-page.test.ts)
 * and the journey contract (every label in every language) check what the compiler cannot.
 */
import type { TOptions } from 'i18next';
import type { Namespaces } from './resources/namespaces.ts';

type Variant = '_one' | '_other' | '_zero' | '_two' | '_few' | '_many' | '_elder';
type WithoutVariant<K extends string> = K extends `${infer Base}${Variant}` ? Base : K;

/** Every leaf of a message tree as a dotted path. */
type LeafPaths<T> = {
  [K in keyof T & string]: T[K] extends string ? WithoutVariant<K> : `${K}.${LeafPaths<T[K]>}`;
}[keyof T & string];

/**
 * A key of the portal's messages, as the code writes it: common's keys bare, a service namespace's
 * prefixed with its name (`marriage:booking.step.date.title`, docs/decisions/038).
 */
export type MessageKey = {
  [N in keyof Namespaces & string]: N extends 'common' ? LeafPaths<Namespaces[N]> : `${N}:${LeafPaths<Namespaces[N]>}`;
}[keyof Namespaces & string];

/** Where a service's words are: a namespace and a subtree in it (`marriage:booking`, `marriage:divorceCase`, `<package id>:case`). */
export type WordsRoot = `${string}:${string}`;

declare const made: unique symbol;
/** A key made at run time (the `dynamicKey` tag): the tests, not the compiler, show that it exists. */
export type DynamicKey = string & { readonly [made]: true };

/** Marks a key built from values: t(dynamicKey`${words}.state.${state}`). */
export function dynamicKey(strings: TemplateStringsArray, ...values: readonly unknown[]): DynamicKey {
  return strings.reduce((made, part, index) => made + String(values[index - 1]) + part) as DynamicKey;
}

/** Marks a key that arrives as a value (a schema's message, an outbox template's name). */
export function keyFrom(value: string): DynamicKey {
  return value as DynamicKey;
}

/** Translate: a checked key, or one marked as made at run time. */
export type Translate = (messageKey: MessageKey | DynamicKey, options?: TOptions) => string;
