// Validates every canonical JSON file under the given directories with @eix/schema and prints
// each problem as a CI annotation. Exit 1 when any file is invalid.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseJsonInput, validate } from "@eix/schema";

function jsonFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".expected.json"))
    .sort()
    .map((name) => join(path, name));
}

let invalid = 0;
const files = process.argv.slice(2).flatMap(jsonFiles);
for (const file of files) {
  const parsed = parseJsonInput(readFileSync(file));
  const issues = parsed.ok ? validate(parsed.value).issues : [parsed.issue];
  if (issues.some((issue) => issue.severity === "error")) invalid++;
  for (const issue of issues) {
    const level = issue.severity === "error" ? "error" : "warning";
    console.log(
      `::${level} file=${file},title=${issue.code}::${issue.path || "/"} ${issue.message["zh-CN"]} / ${issue.message.en}`,
    );
  }
}
console.log(`${files.length} files, ${invalid} invalid`);
process.exitCode = invalid > 0 ? 1 : 0;
