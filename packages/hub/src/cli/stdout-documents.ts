import type { ConvertedOutput } from "./file-conversion.js";

const utf8 = new TextDecoder("utf-8");

const withNewline = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);

/**
 * Converted documents for stdout. One document is printed as it is, so that
 * `eix convert … > file` gives a file the target format reads. Several are each preceded by a
 * `==> NAME <==` line (NAME: the file --out would write) and separated by a blank line, as
 * `head` does with several files; each XML output stays a complete document of its own.
 */
export function stdoutDocuments(outputs: readonly ConvertedOutput[]): string {
  if (outputs.length === 1 && outputs[0]) return withNewline(utf8.decode(outputs[0].bytes));
  return outputs.map((output) => `==> ${output.name} <==\n${withNewline(utf8.decode(output.bytes))}`).join("\n");
}
