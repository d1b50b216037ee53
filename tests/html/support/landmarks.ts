/**
 * The page's structure as assistive technology announces it, read from the HTML: named regions
 * (a <section> or <nav> named by aria-labelledby or aria-label), the landmarks a role implies
 * (<header> is the banner, <footer> the contentinfo, unless inside a sectioning element), list
 * items, and the text a reader meets (not scripts).
 */
import { normalize, type HtmlPage } from './html-client.ts';

type Element = HtmlPage['document']['documentElement'];

const NAMEABLE = 'section, nav, aside, form, main, article, [role]';

/** An element's accessible name from aria-labelledby (the named elements' texts) or aria-label. */
export function ariaName(page: HtmlPage, element: Element): string {
  const labelledBy = (element.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  if (labelledBy.length > 0) return normalize(labelledBy.map((id) => page.document.getElementById(id)?.textContent ?? '').join(' '));
  return normalize(element.getAttribute('aria-label'));
}

/** The region (or navigation, or any named container) whose accessible name is exactly `name`. */
export function region(page: HtmlPage, name: string, within: Element | HtmlPage['document'] = page.document): Element {
  const candidates = page.all(NAMEABLE, within);
  const found = candidates.find((element) => ariaName(page, element) === normalize(name));
  if (!found) {
    const names = candidates.map((element) => ariaName(page, element)).filter(Boolean);
    throw new Error(`${page.path} has no region named "${name}"; it has: ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  return found;
}

const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);

function insideSectioning(element: Element): boolean {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (SECTIONING.has(parent.tagName.toLowerCase())) return true;
  }
  return false;
}

export type LandmarkRole = 'banner' | 'contentinfo' | 'navigation' | 'search';

/** The elements with this landmark role, whether it is explicit (role=…) or implied by the element. */
export function landmarks(page: HtmlPage, role: LandmarkRole): Element[] {
  const explicit = page.all(`[role="${role}"]`);
  const implied: Element[] = {
    banner: () => page.all('header:not([role])').filter((header) => !insideSectioning(header)),
    contentinfo: () => page.all('footer:not([role])').filter((footer) => !insideSectioning(footer)),
    navigation: () => page.all('nav:not([role])'),
    search: () => page.all('search:not([role])'),
  }[role]();
  return [...explicit, ...implied];
}

/** The items of a list (its own <li> children, not those of a list inside one). */
export function listItems(list: Element): Element[] {
  return ([...list.children] as Element[]).filter((child) => child.tagName.toLowerCase() === 'li');
}

/** The texts of the links in an element, in order. */
export function linkTexts(page: HtmlPage, within: Element): string[] {
  return page.texts('a[href]', within);
}

const NOT_READ = new Set(['script', 'style', 'template']);

/** Every piece of text a reader can meet in <title> and <body>, one per text node, with the element that holds it (scripts and styles left out). */
export function textNodes(page: HtmlPage): { text: string; parent: Element }[] {
  const found: { text: string; parent: Element }[] = [];
  const visit = (element: Element) => {
    if (NOT_READ.has(element.tagName.toLowerCase())) return;
    for (const child of element.childNodes) {
      if (child.nodeType === 3) {
        const text = normalize(child.textContent);
        if (text) found.push({ text, parent: element });
      } else if (child.nodeType === 1) visit(child as Element);
    }
  };
  const title = page.document.querySelector('title') as Element | null;
  if (title) visit(title);
  const body = page.document.querySelector('body') as Element | null;
  if (body) visit(body);
  return found;
}

/** The text a reader can meet in the body, in document order (no script or style). */
export function readableText(page: HtmlPage): string {
  return textNodes(page)
    .filter(({ parent }) => parent.tagName.toLowerCase() !== 'title')
    .map(({ text }) => text)
    .join(' ');
}

/** The texts that are among `wanted`, in page order: equal to `wanted` when the page has them all in that order (as Playwright's toContainText([...])). */
export function keepOnly(texts: string[], wanted: string[]): string[] {
  const set = new Set(wanted);
  return texts.filter((text) => set.has(text));
}
