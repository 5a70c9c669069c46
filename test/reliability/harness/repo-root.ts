import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the working directory of every `eix` child process. */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "../../../..");
