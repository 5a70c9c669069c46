import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CliError, type CliErrorCode, type CliErrorParams, cliMessage, ioReason } from "../errors.js";
import type { ConvertedOutput } from "./file-conversion.js";
import type { ReportedIssue } from "./reported-issue.js";

export type WriteOutcome = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly issue: ReportedIssue };

const overwritesInput = { "zh-CN": "这是本次转换的输入文件", en: "it is an input file of this conversion" };
const writtenTwice = {
  "zh-CN": "本次转换已写出同名文件（输入文件重名？）",
  en: "an output of the same name was already written by this run (inputs with the same name?)",
};

// About an output file, not a place in a message: no JSON pointer.
const outputIssue = (code: CliErrorCode, params: CliErrorParams): ReportedIssue => ({
  code,
  severity: "error",
  message: cliMessage(code, params),
});

/**
 * `--out DIR`: created when missing, then one file per envelope. A file that would replace one
 * of the inputs, or an output already written by this run, is not written but reported
 * (EIX_CLI_OUTPUT_CLASH); an earlier run's files are replaced.
 */
export class OutputDirectory {
  readonly #dir: string;
  readonly #taken: Set<string>;
  readonly #written = new Set<string>();

  private constructor(dir: string, inputs: readonly string[]) {
    this.#dir = dir;
    this.#taken = new Set(inputs.map((input) => resolve(input)));
  }

  /** Creates DIR (and its parents); a path that cannot be a directory stops the command. */
  static async open(dir: string, inputs: readonly string[]): Promise<OutputDirectory> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new CliError("EIX_CLI_FILE_UNWRITABLE", { file: dir, reason: ioReason(error) });
    }
    return new OutputDirectory(dir, inputs);
  }

  async write(output: ConvertedOutput): Promise<WriteOutcome> {
    const path = join(this.#dir, output.name);
    const absolute = resolve(path);
    if (this.#taken.has(absolute) || this.#written.has(absolute))
      return {
        ok: false,
        issue: outputIssue("EIX_CLI_OUTPUT_CLASH", {
          file: path,
          reason: this.#taken.has(absolute) ? overwritesInput : writtenTwice,
        }),
      };
    try {
      await writeFile(path, output.bytes);
    } catch (error) {
      return { ok: false, issue: outputIssue("EIX_CLI_FILE_UNWRITABLE", { file: path, reason: ioReason(error) }) };
    }
    this.#written.add(absolute);
    return { ok: true, path };
  }
}
