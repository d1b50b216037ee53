/**
 * Tells each process when published content changed, through the database (not through memory,
 * so several processes on one PostgreSQL agree). A process checks at most once per `maxAgeMs`,
 * so a publish reaches every process within that time; 0 checks on every call.
 */
import type { Kysely } from 'kysely';
import { readContentVersion, type ContentName } from '../db/content-state.repo.ts';
import type { Database } from '../db/schema.ts';

export interface ContentVersionProbe {
  current(): Promise<number>;
  /**
   * The version already known and still fresh, without waiting: a page-cache hit asks on every
   * request, and most of the time nothing needs reading. Undefined when `current()` must read.
   */
  peek?(): number | undefined;
  /** Forget the cached value, e.g. after this process published. */
  expire(): void;
}

export function createContentVersionProbe(options: {
  db: Kysely<Database>;
  name: ContentName;
  maxAgeMs: number;
  now: () => number;
}): ContentVersionProbe {
  let cached: { version: number; at: number } | undefined;
  let inFlight: Promise<number> | undefined;
  return {
    peek() {
      return cached && options.now() - cached.at < options.maxAgeMs ? cached.version : undefined;
    },
    async current() {
      const now = options.now();
      if (cached && now - cached.at < options.maxAgeMs) return cached.version;
      inFlight ??= readContentVersion(options.db, options.name)
        .then((version) => {
          cached = { version, at: now };
          return version;
        })
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
    expire() {
      cached = undefined;
    },
  };
}

/**
 * Several kinds of content followed together (the page cache follows guides and notices, which
 * pages show both): the sum of their versions, each probe still its own, so that a notice published
 * does not make the guide catalogue, which follows guides alone, reload.
 */
export function combinedProbe(...probes: readonly ContentVersionProbe[]): ContentVersionProbe {
  return {
    peek() {
      let sum = 0;
      for (const probe of probes) {
        const version = probe.peek?.();
        if (version === undefined) return undefined;
        sum += version;
      }
      return sum;
    },
    async current() {
      const versions = await Promise.all(probes.map((probe) => probe.current()));
      return versions.reduce((sum, version) => sum + version, 0);
    },
    expire() {
      for (const probe of probes) probe.expire();
    },
  };
}
