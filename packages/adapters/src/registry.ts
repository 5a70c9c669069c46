import { MODEL_VERSION } from "@eix/schema";
import semver from "semver";
import type { Adapter } from "./contract.js";
import { AdapterError } from "./errors.js";

const idPattern = /^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$/;

function checkDefinition(adapter: Adapter): void {
  const problems: string[] = [];
  if (typeof adapter.id !== "string" || !idPattern.test(adapter.id))
    problems.push(`id "${String(adapter.id)}" is not <family>.<format>`);
  if (typeof adapter.version !== "string" || !semver.valid(adapter.version)) problems.push("version is not semver");
  if (!Array.isArray(adapter.mediaTypes)) problems.push("mediaTypes is not an array");
  if (typeof adapter.sniff !== "function" || typeof adapter.decode !== "function")
    problems.push("sniff and decode must be functions");
  if (adapter.encode !== undefined && typeof adapter.encode !== "function") problems.push("encode must be a function");
  if (typeof adapter.schemaRange !== "string" || semver.validRange(adapter.schemaRange) === null)
    problems.push("schemaRange is not a semver range");
  if (problems.length > 0) throw new AdapterError("EIX_ADAPTER_DEFINITION", { detail: problems.join("; ") });
}

function baseMediaType(mediaType: string): string {
  return mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * The set of adapters a program uses. Built-in and third-party adapters register through the
 * same `register` call, which checks the definition and the supported model version range.
 */
export class AdapterRegistry {
  readonly #adapters = new Map<string, Adapter>();
  readonly modelVersion: string;

  constructor(options: { modelVersion?: string } = {}) {
    this.modelVersion = options.modelVersion ?? MODEL_VERSION;
  }

  register(adapter: Adapter): this {
    checkDefinition(adapter);
    if (!semver.satisfies(this.modelVersion, adapter.schemaRange))
      throw new AdapterError("EIX_ADAPTER_SCHEMA_RANGE", {
        value: adapter.id,
        expected: adapter.schemaRange,
        limit: this.modelVersion,
      });
    if (this.#adapters.has(adapter.id)) throw new AdapterError("EIX_ADAPTER_DUPLICATE", { value: adapter.id });
    this.#adapters.set(adapter.id, adapter);
    return this;
  }

  list(): Adapter[] {
    return [...this.#adapters.values()];
  }

  has(id: string): boolean {
    return this.#adapters.has(id);
  }

  /** The adapter with this id; throws `EIX_ADAPTER_NOT_FOUND`. */
  get(id: string): Adapter {
    const adapter = this.#adapters.get(id);
    if (!adapter) throw new AdapterError("EIX_ADAPTER_NOT_FOUND", { value: id });
    return adapter;
  }

  /** Adapters that declare this media type (parameters such as charset ignored). */
  forMediaType(mediaType: string): Adapter[] {
    const wanted = baseMediaType(mediaType);
    return this.list().filter((adapter) => adapter.mediaTypes.some((m) => baseMediaType(m) === wanted));
  }

  /** Every adapter's sniff score for the bytes, best first, zeros left out. */
  sniff(bytes: Uint8Array): Array<{ adapter: Adapter; score: number }> {
    const scored: Array<{ adapter: Adapter; score: number }> = [];
    for (const adapter of this.#adapters.values()) {
      let score = 0;
      try {
        score = adapter.sniff(bytes);
      } catch {
        score = 0; // a sniffer must not take the registry down
      }
      if (score > 0) scored.push({ adapter, score: Math.min(1, score) });
    }
    return scored.sort((a, b) => b.score - a.score);
  }

  /**
   * Picks the adapter for a payload: an explicit id wins, then the media type (sniffing among
   * several candidates), then sniffing among all. Throws `EIX_ADAPTER_NOT_FOUND` or
   * `EIX_ADAPTER_NO_MATCH`.
   */
  pick(hints: { id?: string; mediaType?: string; bytes?: Uint8Array }): Adapter {
    if (hints.id) return this.get(hints.id);
    if (hints.mediaType) {
      const candidates = this.forMediaType(hints.mediaType);
      if (candidates.length === 1 && candidates[0]) return candidates[0];
      if (candidates.length > 1 && hints.bytes) {
        const bytes = hints.bytes;
        const best = candidates.map((adapter) => ({ adapter, score: adapter.sniff(bytes) })).sort((a, b) => b.score - a.score)[0];
        if (best && best.score > 0) return best.adapter;
      }
    }
    if (hints.bytes) {
      const best = this.sniff(hints.bytes)[0];
      if (best && best.score >= 0.5) return best.adapter;
    }
    throw new AdapterError("EIX_ADAPTER_NO_MATCH");
  }
}
