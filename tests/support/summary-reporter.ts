import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, that CI systems
 * without a vitest parser can read. A test file that fails outside its tests (in a hook, or
 * while loading) and an unhandled error each count as one failure, so the line never shows
 * 0 failed for a run that failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const testModule of testModules) {
      let failedInModule = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' || state === 'skipped') {
          counts[state] += 1;
        } else if (state === 'failed') {
          failedInModule += 1;
        }
      }
      const moduleFailed = testModule.state() === 'failed' || testModule.errors().length > 0;
      counts.failed += failedInModule > 0 ? failedInModule : Number(moduleFailed);
    }
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
