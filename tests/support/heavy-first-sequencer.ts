/**
 * Vitest's order, but within each project the files that start portal processes (or fire a crowd
 * at one) go first. On a clean checkout Vitest has no durations from an earlier run and orders by
 * file size, which put these small files last: the two workers then ended with one of them running
 * a 25-second process test alone while the other had nothing left (docs/decisions/082).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A test file that starts the portal as a process, or many requests against one: by its name. */
const STARTS_PROCESSES = /(\.process|-process|-flash-crowd|api-fuzz\.api)\.test\.ts$/;

export class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Projects stay in Vitest's order (they run one after another); each one's heavy files move to its front.
    const byProject = new Map<string, TestSpecification[]>();
    for (const spec of sorted) byProject.set(spec.project.name, [...(byProject.get(spec.project.name) ?? []), spec]);
    return [...byProject.values()].flatMap((specs) => [...specs.filter((spec) => STARTS_PROCESSES.test(spec.moduleId)), ...specs.filter((spec) => !STARTS_PROCESSES.test(spec.moduleId))]);
  }
}
