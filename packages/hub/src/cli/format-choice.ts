import type { Adapter, AdapterRegistry } from "@eix/adapters";
import { CliError } from "../errors.js";
import { encodingUnsupported, sniffingOutput } from "./usage-problems.js";

/** The canonical JSON model itself, spoken of as a format beside the adapters' ones. */
export const CANONICAL = "canonical";
/** For input only: each file's format is sniffed. */
export const AUTO = "auto";

/** A format a message can be read from or written to: the canonical JSON, or an adapter's. */
export type Format = { readonly kind: "canonical" } | { readonly kind: "adapter"; readonly adapter: Adapter };

/** What the command line asked to read: one format for every file, or sniffing per file. */
export type InputChoice = Format | { readonly kind: "auto" };

export const canonicalFormat: Format = { kind: "canonical" };

/** The name a format goes by on the command line and in reports. */
export const formatName = (format: InputChoice): string =>
  format.kind === "adapter" ? format.adapter.id : format.kind === "auto" ? AUTO : CANONICAL;

function unknownFormat(name: string, registry: AdapterRegistry, input: boolean): CliError {
  const known = [CANONICAL, ...(input ? [AUTO] : []), ...registry.list().map((adapter) => adapter.id)];
  return new CliError("EIX_CLI_UNKNOWN_FORMAT", { value: name, expected: known.join(", ") });
}

/** `--format` / `--from`: canonical, auto or a registered adapter id; else EIX_CLI_UNKNOWN_FORMAT. */
export function inputChoice(name: string, registry: AdapterRegistry): InputChoice {
  if (name === CANONICAL) return canonicalFormat;
  if (name === AUTO) return { kind: "auto" };
  if (!registry.has(name)) throw unknownFormat(name, registry, true);
  return { kind: "adapter", adapter: registry.get(name) };
}

/** `--to`: canonical or an adapter that can encode; `auto` means nothing for output. */
export function outputFormat(name: string, registry: AdapterRegistry): Format {
  if (name === CANONICAL) return canonicalFormat;
  if (name === AUTO) throw sniffingOutput();
  if (!registry.has(name)) throw unknownFormat(name, registry, false);
  const adapter = registry.get(name);
  if (typeof adapter.encode !== "function") throw encodingUnsupported(name);
  return { kind: "adapter", adapter };
}
