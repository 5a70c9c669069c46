// MLLP (HL7 v2 over TCP, optionally TLS): the listener the hub receives HL7 on and the relay's
// MLLP destination. What the rest of the hub uses; the package door (src/index.ts) re-exports from here.

export { type AckCode, type AckReader, type AckReading, classifyAck } from "./ack-classification.js";
export { decodeHl7Text, type Hl7Header, readHl7Header } from "./hl7-header.js";
export type {
  MllpHandler,
  MllpLogger,
  MllpPeer,
  MllpRejecter,
  MllpRejection,
  MllpRejectionCode,
} from "./mllp-connection.js";
export { MllpDestination, type MllpDestinationOptions } from "./mllp-destination.js";
export {
  isMllpError,
  MllpError,
  type MllpErrorCode,
  type MllpErrorParams,
  type MllpOutcome,
  mllpErrors,
  mllpMessage,
  mllpReason,
} from "./mllp-errors.js";
export {
  DEFAULT_MAX_FRAME_BYTES,
  describeSample,
  encodeMllpFrame,
  MLLP_END,
  MLLP_END_CR,
  MLLP_START,
  MllpFrameDecoder,
  type MllpFrameDecoderOptions,
  type MllpFrameEvent,
} from "./mllp-framing.js";
export type { MllpLinkTls as MllpDestinationTls } from "./mllp-link.js";
export { MllpServer, type MllpServerOptions, type MllpServerTls } from "./mllp-server.js";
