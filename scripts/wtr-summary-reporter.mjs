// Writes how many browser tests passed and failed to a JSON file, for the closing line of npm test.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function summaryReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A test file that failed to load has no results: it counts as one failure.
        if (!session.passed && (!session.testResults || session.errors?.length)) totals.failed += 1;
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
