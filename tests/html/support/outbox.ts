/**
 * The development outbox (/dev/outbox) as a test reads it. The server's delivery worker sends queued
 * messages on its own schedule, so a test waits for the one it expects by reloading the page.
 */
import type { Language } from '../../support/site.ts';
import type { HtmlPage, Visitor } from './html-client.ts';

const WAIT_MS = 15_000;
const EVERY_MS = 200;

/** The outbox rows' cells, one array of texts per row. */
export function outboxRows(page: HtmlPage): string[][] {
  return page.all('tbody tr').map((row) => page.texts('td', row));
}

/** Reloads the outbox until a cell holds `text` (as a cell named by it would); answers that page. */
export async function outboxWith(reader: Visitor, language: Language, text: string): Promise<HtmlPage> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const page = await reader.get(language.path('/dev/outbox'));
    if (outboxRows(page).some((cells) => cells.some((cell) => cell.includes(text)))) return page;
    if (Date.now() > until) throw new Error(`after ${WAIT_MS / 1000} s the outbox has no "${text}"; it has:\n${page.texts('tbody td:last-child').join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
  }
}
