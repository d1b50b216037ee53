/**
 * Which status each API operation answered while the data and API tests ran, for the check that
 * every one of them is documented (tests/api/answered-statuses.test.ts). Vitest runs the test files
 * in parallel worker processes: each process appends to a file of its own (its pid) in a folder
 * named for the run (tests/vitest.config.ts provides it), and the check, in a project that runs
 * after the API tests (sequence.groupOrder), reads them all.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder this run's answered statuses go to; absent when the tier runs without it. */
    answeredStatuses?: string;
  }
}

export interface AnsweredStatus {
  environment: string;
  method: string;
  /** The path under the API's base, as requested (/staff/cases/7KQ4M9XH2CP). */
  path: string;
  status: number;
}

const API_BASE = '/api/v1';

type RequestFunction = (input: string | Request | URL, init?: RequestInit, ...rest: never[]) => Response | Promise<Response>;

/** Makes `app.request` note the status of every API request it answers (when the run collects them). */
export function recordAnsweredStatuses(app: { request: RequestFunction }, environment: string): void {
  const folder = inject('answeredStatuses');
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${process.pid}.jsonl`);
  const request = app.request;
  app.request = async (input, init, ...rest) => {
    const response = await request(input, init, ...rest);
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    if (url.pathname.startsWith(`${API_BASE}/`)) {
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      const answered: AnsweredStatus = { environment, method, path: url.pathname.slice(API_BASE.length), status: response.status };
      // Synchronous, a line at a time: requests of one process in flight together never interleave.
      appendFileSync(file, `${JSON.stringify(answered)}\n`);
    }
    return response;
  };
}

/** Every status noted in this run so far. */
export function answeredStatuses(): AnsweredStatus[] {
  const folder = inject('answeredStatuses');
  if (!folder || !existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(folder, name), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as AnsweredStatus);
}

/** Removes the run's folder (after the check). */
export function forgetAnsweredStatuses(): void {
  const folder = inject('answeredStatuses');
  if (folder) rmSync(folder, { recursive: true, force: true });
}
