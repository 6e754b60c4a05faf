// Reads Vitest's JSON report, checks that the PostgreSQL and browser tests ran, prints "N passed, N failed".
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.log(`no test report at ${file}: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const tests = report.testResults.flatMap((f) => f.assertionResults.map((a) => ({ ...a, file: f.name })));
const passed = tests.filter((t) => t.status === 'passed').length;
let failed = tests.filter((t) => t.status === 'failed').length;
const skipped = tests.filter((t) => t.status !== 'passed' && t.status !== 'failed').length;
const problems = [];
// A test file that failed to load has no assertions but fails the run.
for (const f of report.testResults) if (f.status === 'failed' && f.assertionResults.length === 0) failed++;
const ran = (tag) => tests.filter((t) => t.status === 'passed' && t.fullName.includes(tag)).length;
if (ran('[postgres]') === 0) problems.push('the PostgreSQL tests were skipped or did not pass');
if (ran('[browser]') === 0) problems.push('the browser tests were skipped or did not pass');
if (skipped > 0) problems.push(`${skipped} tests were skipped`);
for (const p of problems) console.log(`CI: ${p}`);
console.log(`PostgreSQL tests passed: ${ran('[postgres]')}, browser tests passed: ${ran('[browser]')}`);
console.log(`${passed} passed, ${failed + problems.length} failed`);
process.exit(failed + problems.length > 0 ? 1 : 0);
