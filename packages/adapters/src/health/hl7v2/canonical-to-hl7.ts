import type { Envelope } from "@eix/schema";
import type { EncodeContext } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import type { HealthHl7Extension } from "./health-extension.js";
import { type Hl7Field, type Hl7Message, type Hl7Segment, hl7Header, parseHl7Text, serializeHl7 } from "./hl7.js";
import { encodeHl7Text } from "./hl7-output-charset.js";
import { type SummaryOptions, writeSummaryOru } from "./summary-oru.js";

/** Segments that come before PID in ADT and ORU messages. */
const BEFORE_PID = new Set(["MSH", "SFT", "UAC", "EVN"]);

function extensionOf(message: Envelope): HealthHl7Extension | undefined {
  if (message.kind !== "incident") return undefined;
  const health = message.payload.extensions?.health as Partial<HealthHl7Extension> | undefined;
  return Array.isArray(health?.hl7?.segments) && health.hl7.segments.length > 0 ? (health as HealthHl7Extension) : undefined;
}

/** A PID with only what the canonical message may know: the address region and the death indicator. */
function anonymousPid(hl7: HealthHl7Extension["hl7"]): Hl7Segment | undefined {
  if (hl7.patientRegion === undefined && hl7.patientDied === undefined) return undefined;
  const fields: Hl7Field[] = Array.from({ length: 31 }, () => [[[""]]]);
  fields[1] = [[["1"]]];
  if (hl7.patientRegion !== undefined) fields[11] = [[[""], [""], [""], [""], [""], [""], [""], [""], [hl7.patientRegion]]];
  if (hl7.patientDied !== undefined) fields[30] = [[[hl7.patientDied ? "Y" : "N"]]];
  else fields.length = 12;
  return { id: "PID", fields, line: 0 };
}

/** The HL7 message an incident decoded from HL7 came from, without its personal data. */
function rebuild(extension: HealthHl7Extension): Hl7Message {
  // The segments are already text: parse them as text, not as bytes whose MSH-18 may say GB18030.
  const parsed = parseHl7Text(extension.hl7.segments.join("\r"));
  const message = parsed.ok ? parsed.messages[0] : undefined;
  if (!message)
    throw new AdapterError("EIX_ADAPTER_BAD_VALUE", {
      value: "extensions.health.hl7.segments",
      detail: parsed.ok ? "no message" : parsed.error.message,
    });
  const pid = anonymousPid(extension.hl7);
  if (!pid) return message;
  const at = message.segments.findIndex((segment) => !BEFORE_PID.has(segment.id));
  const segments = [...message.segments];
  segments.splice(at === -1 ? segments.length : at, 0, pid);
  return { ...message, segments };
}

/**
 * An incident → HL7 v2: the hospital's own message back (without personal data) when the
 * incident came from HL7, in the charset its MSH-18 names; else an EIX incident summary
 * ORU^R01 in UTF-8 (see summary-oru.ts). Segments end with CR. Other kinds cannot be expressed.
 */
export function canonicalToHl7(message: Envelope, ctx: EncodeContext = {}): Uint8Array {
  if (message.kind !== "incident") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
  const extension = extensionOf(message);
  const hl7 = extension ? rebuild(extension) : writeSummaryOru(message, (ctx.options ?? {}) as SummaryOptions);
  return encodeHl7Text(serializeHl7(hl7), hl7Header(hl7).characterSets?.[0]);
}
