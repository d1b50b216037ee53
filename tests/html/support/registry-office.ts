/**
 * What the registry office's HTML tests share: the state a case page or status page shows, and an
 * ID number as staff pages mask it.
 */
import type { HtmlPage } from './html-client.ts';

/** The state in the page's summary (the case page's and the status page's `dl.summary strong`). */
export const summaryState = (page: HtmlPage) => page.text('dl.summary strong');

/** An ID number as staff pages show it: the first and last 4 characters, the 10 between hidden. */
export const maskedId = (idNumber: string) => `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`;
