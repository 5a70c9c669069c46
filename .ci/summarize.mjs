// Prints "N passed, N failed" from vitest's JSON report; failed CI checks (lint, typecheck,
// generated files) count as failures too. Exits 1 when the report is missing or unreadable.
import { readFileSync } from "node:fs";

const [file, extra = "0"] = process.argv.slice(2);
let passed = 0;
let failed = Number(extra);
let ok = true;
try {
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
  if ((report.numTotalTests ?? 0) === 0) ok = false;
  // A file that failed to load has no tests but is a failure.
  for (const suite of report.testResults ?? []) if (suite.status === "failed" && suite.assertionResults?.length === 0) failed++;
} catch {
  ok = false;
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
