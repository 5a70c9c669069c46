import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { CliError } from "../errors.js";
import { messageFilesIn } from "./file-list.js";

/** One example message and what its folder says it is. */
export interface ExampleFile {
  /** Shown name, e.g. "invalid/stage-sequence.json". */
  readonly name: string;
  readonly file: string;
  readonly expectValid: boolean;
}

/** packages/schema/examples, found through the package resolution of this module's own URL. */
export function defaultExamplesDir(): string {
  const schemaPackage = createRequire(import.meta.url).resolve("@eix/schema/package.json");
  return join(dirname(schemaPackage), "examples");
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The examples of DIR/valid then DIR/invalid, each sorted by name. */
export async function findExamples(dir: string): Promise<ExampleFile[]> {
  if (!(await isDirectory(dir))) throw new CliError("EIX_CLI_FILE_NOT_FOUND", { file: dir });
  const examples: ExampleFile[] = [];
  for (const folder of ["valid", "invalid"] as const) {
    const path = join(dir, folder);
    if (!(await isDirectory(path))) continue;
    for (const file of await messageFilesIn(path))
      examples.push({ name: `${folder}/${basename(file)}`, file, expectValid: folder === "valid" });
  }
  if (examples.length === 0) throw new CliError("EIX_CLI_NO_JSON_FILES", { file: dir });
  return examples;
}
