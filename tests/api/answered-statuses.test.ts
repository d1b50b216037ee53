/**
 * Every status the API answered while the data and API tests ran is documented for its operation in
 * /api/v1/openapi.json. Runs after the api project (its own project, sequence.groupOrder 1): the
 * API tests note each answer (tests/support/answered-statuses.ts), this reads them all. Run with the
 * tier (`npm run test:api`); alone it has nothing to read and says so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { answeredStatuses, forgetAnsweredStatuses, type AnsweredStatus } from '../support/answered-statuses.ts';
import { createTestRuntime } from '../support/test-runtime.ts';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

interface Operation {
  key: string;
  method: string;
  pattern: RegExp;
  parameters: number;
  statuses: Set<string>;
}

async function operationsOf(environment: 'development' | 'production' | 'test'): Promise<Operation[]> {
  const runtime = await createTestRuntime('sqlite', { environment });
  try {
    const document = (await (await runtime.portal.app.request('/api/v1/openapi.json')).json()) as OpenApiDocument;
    return Object.entries(document.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
          parameters: path.split('{').length - 1,
          statuses: new Set(Object.keys(operation.responses)),
        })),
      )
      .sort((a, b) => a.parameters - b.parameters);
  } finally {
    await runtime.dispose();
  }
}

describe('the statuses the API answered in the API tests', () => {
  // Read before this file's own requests add to them.
  const answered: AnsweredStatus[] = answeredStatuses();
  afterAll(() => forgetAnsweredStatuses());

  it('are each documented for the operation that answered them', async () => {
    expect(answered.length, 'no answers were noted: run this with the API tests (npm run test:api)').toBeGreaterThan(100);
    const undocumented = new Map<string, number>();
    let matched = 0;
    for (const environment of [...new Set(answered.map((a) => a.environment))]) {
      const operations = await operationsOf(environment as 'development' | 'production' | 'test');
      for (const answer of answered.filter((a) => a.environment === environment)) {
        // A path no operation has (an unknown path, or development tools in production) is the API's plain 404.
        const operation = operations.find((candidate) => candidate.method === answer.method && candidate.pattern.test(answer.path));
        if (!operation) continue;
        matched += 1;
        if (operation.statuses.has(String(answer.status))) continue;
        const key = `${operation.key} → ${answer.status}`;
        undocumented.set(key, (undocumented.get(key) ?? 0) + 1);
      }
    }
    expect(matched).toBeGreaterThan(100);
    expect([...undocumented].map(([key, times]) => `${key} (${times}×)`)).toEqual([]);
  });
});
