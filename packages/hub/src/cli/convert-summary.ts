import type { FileConversion } from "./file-conversion.js";

/** A file's conversion once its outputs went out: the paths written (with --out) and how. */
export interface ConvertedFile extends FileConversion {
  /** Paths written under --out (empty without it). */
  readonly written: readonly string[];
  /** Some output could not be written, or would have overwritten an input (file error). */
  readonly writeFailed: boolean;
}

export interface ConvertSummary {
  readonly files: number;
  /** Files whose every envelope was decoded, encoded and delivered. */
  readonly converted: number;
  readonly failed: number;
  /** Files that could not be read (counted in `failed` too). */
  readonly unreadable: number;
  /** Documents produced: files written with --out, else documents printed. */
  readonly outputs: number;
}

const succeeded = (file: ConvertedFile) => !file.failed && !file.writeFailed;

export function summarizeConversions(files: readonly ConvertedFile[], toDirectory: boolean): ConvertSummary {
  const converted = files.filter(succeeded).length;
  return {
    files: files.length,
    converted,
    failed: files.length - converted,
    unreadable: files.filter((file) => file.unreadable).length,
    outputs: files.reduce((sum, file) => sum + (toDirectory ? file.written.length : file.outputs.length), 0),
  };
}

/** 0 every file converted; 1 some input could not be decoded, validated or encoded; 2 a file error. */
export function convertExitCode(files: readonly ConvertedFile[]): number {
  if (files.some((file) => file.unreadable || file.writeFailed)) return 2;
  return files.every(succeeded) ? 0 : 1;
}
