import type { Adapter } from "@eix/adapters";
import type { Format, InputChoice } from "./format-choice.js";

// File extensions by format, for expanding a directory argument and for naming outputs. CAP
// travels as .xml (OASIS examples, feeds) and as .cap (Google's CAP library and validator); the
// 12379 profile as .xml. An adapter not listed here gets extensions from its media types.
const KNOWN: Readonly<Record<string, readonly string[]>> = {
  "weather.cap": [".xml", ".cap"],
  "weather.cn12379": [".xml"],
};

const CANONICAL_EXTENSIONS = [".json"] as const;

/** .xml for XML media types (including +xml), .json for JSON ones, else none. */
function fromMediaTypes(adapter: Adapter): string[] {
  const types = adapter.mediaTypes.map((type) => type.split(";")[0]?.trim().toLowerCase() ?? "");
  const extensions: string[] = [];
  if (types.some((type) => type.endsWith("/xml") || type.endsWith("+xml"))) extensions.push(".xml");
  if (types.some((type) => type.endsWith("/json") || type.endsWith("+json"))) extensions.push(".json");
  return extensions;
}

function adapterExtensions(adapter: Adapter): readonly string[] {
  return KNOWN[adapter.id] ?? fromMediaTypes(adapter);
}

/** The extensions a directory is searched for: the format's, or every known one for auto. */
export function inputExtensions(choice: InputChoice, adapters: readonly Adapter[]): readonly string[] {
  if (choice.kind === "canonical") return CANONICAL_EXTENSIONS;
  if (choice.kind === "adapter") return adapterExtensions(choice.adapter);
  return [...new Set([...CANONICAL_EXTENSIONS, ...adapters.flatMap(adapterExtensions)])];
}

/** The extension of a written file: the first of the format's (.dat when it has none). */
export function outputExtension(format: Format): string {
  if (format.kind === "canonical") return ".json";
  return adapterExtensions(format.adapter)[0] ?? ".dat";
}
