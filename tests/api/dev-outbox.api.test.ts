import { describe, expect, it } from 'vitest';
import { createTestRuntime } from '../support/test-runtime.ts';

describe('the development outbox', () => {
  it('does not exist in production', async () => {
    const production = await createTestRuntime('sqlite', { environment: 'production' });
    try {
      expect((await production.portal.app.request('/api/v1/dev/outbox')).status).toBe(404);
      const document = (await (await production.portal.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(document.paths)).not.toContain('/dev/outbox');
    } finally {
      await production.dispose();
    }
  });
});
