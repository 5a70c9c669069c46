import { type Envelope, isClassifiedMarking, isValidEnvelope } from "@eix/schema";
import type { AdapterIssue, DecodeContext } from "../../contract.js";
import { AdapterError, adapterMessage } from "../../errors.js";
import { readTime } from "../../kit/time.js";
import { positionOf, readContentMessages } from "./content-message.js";
import { readStatus, statusAgrees } from "./distribution-status.js";
import { extensionFrom, withEdxlExtension } from "./edxl-extension.js";
import type { ContentObject, Distribution } from "./edxl-model.js";
import { envelopeFields } from "./envelope-fields.js";
import { foreignAck } from "./foreign-ack.js";
import { senderUnitOf } from "./sender-unit.js";
import { SUPPORTED_KINDS } from "./value-lists.js";

export interface CanonicalDistribution {
  readonly messages: Envelope[];
  readonly issues: AdapterIssue[];
  readonly blobs: Map<string, Uint8Array>;
  /** The CAP version of embedded alerts, for the source format. */
  readonly capVersion?: string;
}

function refuseClassified(source: Distribution, text: string): void {
  const marked = [
    { value: source.combinedConfidentiality, at: "/EDXLDistribution/combinedConfidentiality", content: undefined },
    ...source.contents.map((c) => ({ value: c.confidentiality, at: `${c.at}`, content: c })),
  ].find((m) => isClassifiedMarking(m.value));
  if (marked)
    throw new AdapterError(
      "EIX_EDXL_CLASSIFIED",
      { value: String(marked.value) },
      { position: marked.content ? positionOf(marked.content, text) : { at: marked.at } },
    );
}

/**
 * A read distribution → canonical messages: one per CAP hazard or EIX message it carries, or,
 * for an Ack or Error that carries none, the acknowledgement it stands for. Each message keeps
 * under `extensions.national.edxl` what of the distribution it does not say itself. Throws
 * AdapterError.
 */
export function distributionToCanonical(source: Distribution, text: string, ctx: DecodeContext): CanonicalDistribution {
  refuseClassified(source, text);
  const issues: AdapterIssue[] = [];
  const blobs = new Map<string, Uint8Array>();
  const kind = source.distributionKind;
  if (!(SUPPORTED_KINDS as readonly string[]).includes(kind))
    throw new AdapterError(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "distributionKind", detail: `"${kind}" has no canonical equivalent (${SUPPORTED_KINDS.join(", ")})` },
      { position: { at: "/distributionKind" } },
    );
  const status = readStatus(source.distributionStatus);
  const sent = readTime(source.dateTimeSent);
  if (!sent.ok) throw new AdapterError("EIX_TIME_INVALID", { value: source.dateTimeSent }, { position: { at: "/dateTimeSent" } });
  if (sent.assumedOffset)
    issues.push({
      code: "EIX_TIME_LOCAL_ASSUMED",
      severity: "warning",
      message: adapterMessage("EIX_TIME_LOCAL_ASSUMED", { value: source.dateTimeSent }),
      position: { at: "/dateTimeSent" },
    });
  const acknowledges = kind === "Ack" || kind === "Error";
  if (source.contents.length === 0 && !acknowledges)
    throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", { value: "contentObject" }, { position: { at: "/contentObject" } });

  const unit = senderUnitOf(source, ctx);
  const capCtx: DecodeContext = unit ? { ...ctx, sender: unit } : ctx;
  const decoded: Array<{ message: Envelope; content: ContentObject }> = [];
  let capVersion: string | undefined;
  let foreign: { content: ContentObject; json?: unknown; plainText?: string } | undefined;
  for (const content of source.contents) {
    const reading = readContentMessages(content, text, capCtx, issues, blobs);
    if (reading.type === "foreign") {
      if (!acknowledges)
        throw new AdapterError(
          "EIX_EDXL_CONTENT_UNSUPPORTED",
          { value: content.at, detail: reading.why },
          { position: positionOf(content, text) },
        );
      foreign ??= { content, json: reading.json, ...(reading.plainText === undefined ? {} : { plainText: reading.plainText }) };
      continue;
    }
    capVersion ??= reading.capVersion;
    for (const message of reading.messages) decoded.push({ message, content });
  }
  if (acknowledges && (decoded.length === 0 || foreign)) {
    const ack = foreignAck(source, { sentAt: sent.value, status }, unit, foreign);
    decoded.splice(0, decoded.length, { message: ack, content: foreign?.content ?? emptyContent });
  }

  const alone = decoded.length === 1;
  const messages = decoded.map(({ message, content }) => {
    // Content from elsewhere may not be a sound message: left as it is, validation refuses it
    // with every issue (runDecode), before anything here reads a field it lacks.
    if (!isValidEnvelope(message)) return message;
    if (!statusAgrees(source.distributionStatus, message.status, source.form))
      throw new AdapterError(
        "EIX_EDXL_STATUS_MISMATCH",
        { value: message.status, expected: source.distributionStatus },
        { position: positionOf(content, text) },
      );
    const bare = withEdxlExtension(message, undefined);
    return withEdxlExtension(bare, extensionFrom(source, content, envelopeFields(bare, source.form), alone));
  });
  return { messages, issues, blobs, ...(capVersion === undefined ? {} : { capVersion }) };
}

const emptyContent: ContentObject = { keywords: [], incidentIDs: [], body: { type: "none", detail: "" }, at: "/" };
