// Prints one last line `N passed, N failed` for the top-level test script to parse.
// A test file that failed to load or run (no results, or errors outside tests) counts as one failure.
// Each failure is also named on a `not ok` line (file › suite › test: reason), so a CI log cut
// down to its summary still says which test failed.

function count(suite, totals, file, path = []) {
  if (!suite) return;
  const here = suite.name ? [...path, suite.name] : path;
  for (const test of suite.tests) {
    if (test.skipped) continue;
    if (test.passed) totals.passed++;
    else {
      totals.failed++;
      totals.names.push(`${[file, ...here, test.name].join(' › ')}: ${test.error?.message ?? 'failed'}`);
    }
  }
  for (const child of suite.suites) count(child, totals, file, here);
}

/** @returns {import('@web/test-runner').Reporter} */
export function countReporter() {
  return {
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0, names: [] };
      for (const session of sessions) {
        const before = totals.failed;
        count(session.testResults, totals, session.testFile);
        if (!session.passed && totals.failed === before) {
          totals.failed++;
          const errors = (session.errors ?? []).map((error) => error.message).join('; ');
          totals.names.push(`${session.testFile}: the file failed outside its tests (${errors || session.status})`);
        }
      }
      // On exit, so the lines come after the default reporter's progress bar and summary.
      process.once('exit', () => {
        for (const name of totals.names) console.log(`not ok - ${name}`);
        console.log(`${totals.passed} passed, ${totals.failed} failed`);
      });
    },
  };
}
