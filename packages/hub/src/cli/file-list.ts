import type { Dirent, Stats } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { CliError, ioReason } from "../errors.js";

/** Is `name` an example's declaration sidecar (NAME.expected.json) rather than a message? */
const isSidecar = (name: string) => name.endsWith(".expected.json");

/** Is `name` a message file (not an example's NAME.expected.json sidecar)? */
export const isMessageFileName = (name: string) => name.endsWith(".json") && !isSidecar(name);

/** A file-name test: one of these extensions (any letter case), never a sidecar. */
export const hasExtension =
  (extensions: readonly string[]) =>
  (name: string): boolean => {
    const lower = name.toLowerCase();
    return !isSidecar(lower) && extensions.some((extension) => lower.endsWith(extension));
  };

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The files of a directory whose names pass `accepts` (by default: message files), sorted by
 * name (code point order, the same everywhere). Subdirectories are not entered.
 */
export async function messageFilesIn(dir: string, accepts: (name: string) => boolean = isMessageFileName): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new CliError("EIX_CLI_FILE_UNREADABLE", { file: dir, reason: ioReason(error) });
  }
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && accepts(entry.name))
    .map((entry) => entry.name)
    .sort(byCodePoint)
    .map((name) => join(dir, name));
}

/** An empty directory: the historical .json code for canonical input, else the general one. */
function nothingIn(dir: string, extensions: readonly string[]): CliError {
  if (extensions.length === 1 && extensions[0] === ".json") return new CliError("EIX_CLI_NO_JSON_FILES", { file: dir });
  return new CliError("EIX_CLI_NO_MATCHING_FILES", { file: dir, expected: extensions.join(" ") });
}

/**
 * The files named by the command line: a file as given (whatever its extension), a directory
 * as its files with one of `extensions` (default .json). A missing path, a path that is
 * neither file nor directory, or a directory without such files stops the command before
 * anything is read.
 */
export async function expandFileArguments(args: readonly string[], extensions: readonly string[] = [".json"]): Promise<string[]> {
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
      const inside = await messageFilesIn(arg, hasExtension(extensions));
      if (inside.length === 0) throw nothingIn(arg, extensions);
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
