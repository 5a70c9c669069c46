import { basename, extname } from "node:path";

/**
 * The file name of one converted envelope: the input's name without its extension, `-N`
 * (1-based) when the input yields several envelopes, then the target format's extension.
 * `alerts/australia.cap`, 2 envelopes, to canonical → `australia-1.json`, `australia-2.json`.
 */
export function outputName(input: string, index: number, count: number, extension: string): string {
  const name = basename(input);
  const stem = name.slice(0, name.length - extname(name).length) || name;
  return `${stem}${count > 1 ? `-${index + 1}` : ""}${extension}`;
}
