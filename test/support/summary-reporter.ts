import type { Reporter, TestModule } from 'vitest/node' with { 'resolution-mode': 'import' };

/**
 * Prints one plain closing line, `tests: N passed, M failed`, after vitest's own summary,
 * so that CI and scripts can read the outcome without parsing vitest's output.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that fails to load has no tests but is still a failure.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1;
    }
    failed += unhandledErrors.length;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    // Printed on exit so it stands after vitest's own summary, as the very last line. A run that
    // fails outside any test (setup, collection) still counts as one failure.
    process.once('exit', (code) => {
      const failures = failed === 0 && code !== 0 ? 1 : failed;
      process.stdout.write(`\ntests: ${passed} passed, ${failures} failed${tail}\n`);
    });
  }
}
