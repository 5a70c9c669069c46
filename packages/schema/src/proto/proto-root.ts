// The protobufjs reflection of eix.proto. The text is embedded (generated/eix-proto.ts) because
// the schema package does no file I/O; it is parsed once, on first use.
import protobuf from "protobufjs";
import { EIX_PROTO_SOURCE } from "../generated/eix-proto.js";

/** Fully-qualified name of the envelope message in eix.proto. */
export const ENVELOPE_TYPE_NAME = "eix.v1.Envelope";

/** Fully-qualified name of the hub-to-hub batch message in eix.proto (transport section). */
export const BATCH_TYPE_NAME = "eix.v1.Batch";

let root: protobuf.Root | undefined;

/** The parsed and resolved eix.proto (package eix.v1). */
export function protoRoot(): protobuf.Root {
  if (root) return root;
  // keepCase false: protobufjs names fields in camelCase, which is the JSON property name.
  const parsed = protobuf.parse(EIX_PROTO_SOURCE, { keepCase: false }).root;
  parsed.resolveAll();
  root = parsed;
  return parsed;
}

/** The protobufjs Type of `eix.v1.Envelope`, for callers that need reflection or raw messages. */
export function envelopeProtoType(): protobuf.Type {
  return protoRoot().lookupType(ENVELOPE_TYPE_NAME);
}

/** The protobufjs Type of `eix.v1.Batch`, the bulk transport of envelopes between hubs. */
export function batchProtoType(): protobuf.Type {
  return protoRoot().lookupType(BATCH_TYPE_NAME);
}
