import type { SourceInfo } from "@eix/adapters";
import type { Envelope, ProvenanceHop } from "@eix/schema";

/** envelope.json caps `provenance` at this many hops. */
export const MAX_HOPS = 32;

/** This hub's hop: when it received the bytes and what they were. */
export function hubHop(hubId: string, receivedAt: Date, source: SourceInfo): ProvenanceHop {
  return {
    hubId,
    receivedAt: receivedAt.toISOString(),
    adapter: { id: source.adapter.id, version: source.adapter.version },
    sourceFormat: source.sourceFormat,
    ...(source.charset === undefined ? {} : { charset: source.charset }),
    rawSha256: source.rawSha256,
  };
}

export function withHop(envelope: Envelope, hop: ProvenanceHop): Envelope {
  return { ...envelope, provenance: [...(envelope.provenance ?? []), hop] };
}

export const hopsFull = (envelope: Envelope): boolean => (envelope.provenance ?? []).length >= MAX_HOPS;
