import type { Dirent, Stats } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { CliError, ioReason } from "../errors.js";

/** Is `name` a message file (not an example's NAME.expected.json sidecar)? */
export const isMessageFileName = (name: string) => name.endsWith(".json") && !name.endsWith(".expected.json");

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The message files of a directory, sorted by name (code point order, the same everywhere). */
export async function messageFilesIn(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new CliError("EIX_CLI_FILE_UNREADABLE", { file: dir, reason: ioReason(error) });
  }
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && isMessageFileName(entry.name))
    .map((entry) => entry.name)
    .sort(byCodePoint)
    .map((name) => join(dir, name));
}

/**
 * The files named by the command line: a file as given, a directory as its message files.
 * A missing path, a path that is neither file nor directory, or a directory without .json
 * files stops the command before anything is validated.
 */
export async function expandFileArguments(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    let info: Stats;
    try {
      info = await stat(arg);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR")
        throw new CliError("EIX_CLI_FILE_NOT_FOUND", { file: arg });
      throw new CliError("EIX_CLI_FILE_UNREADABLE", { file: arg, reason: ioReason(error) });
    }
    if (info.isDirectory()) {
      const inside = await messageFilesIn(arg);
      if (inside.length === 0) throw new CliError("EIX_CLI_NO_JSON_FILES", { file: arg });
      files.push(...inside);
    } else if (info.isFile()) files.push(arg);
    else
      throw new CliError("EIX_CLI_FILE_UNREADABLE", {
        file: arg,
        reason: { "zh-CN": "不是普通文件或目录", en: "neither a regular file nor a directory" },
      });
  }
  return files;
}
