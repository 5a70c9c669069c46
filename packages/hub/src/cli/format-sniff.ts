import type { AdapterRegistry } from "@eix/adapters";
import { sniffCanonical } from "./canonical-format.js";
import { canonicalFormat, type Format } from "./format-choice.js";

/** The score below which a sniffer's guess is not taken, as in the registry's own `pick`. */
const SURE_ENOUGH = 0.5;

/**
 * `--format auto` for one file: the most confident of the registry's sniffers and the
 * canonical sniffer, if sure enough; any other JSON is still read as canonical (so its errors
 * are JSON and schema errors); undefined when nothing recognises the bytes.
 */
export function sniffFormat(bytes: Uint8Array, registry: AdapterRegistry): Format | undefined {
  const best = registry.sniff(bytes)[0];
  const canonical = sniffCanonical(bytes);
  if (best && best.score >= SURE_ENOUGH && best.score > canonical) return { kind: "adapter", adapter: best.adapter };
  return canonical > 0 ? canonicalFormat : undefined;
}
