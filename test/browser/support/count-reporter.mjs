// Prints one last line `N passed, N failed` for the top-level test script to parse.
// A test file that failed to load or run (no results, or errors outside tests) counts as one failure.

function count(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) continue;
    if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites) count(child, totals);
}

/** @returns {import('@web/test-runner').Reporter} */
export function countReporter() {
  return {
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        count(session.testResults, totals);
        if (!session.passed && totals.failed === before) totals.failed++;
      }
      // On exit, so the line comes after the default reporter's progress bar and summary.
      process.once('exit', () => console.log(`${totals.passed} passed, ${totals.failed} failed`));
    },
  };
}
