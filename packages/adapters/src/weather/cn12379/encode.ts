import type { Envelope, Unit } from "@eix/schema";
import type { EncodeContext } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { compactBeijingTime, toBeijingSpacedTime } from "./beijing-time.js";
import { writeChannels } from "./channels.js";
import { writeHandling } from "./handling-marking.js";
import { writeInfo } from "./info.js";
import { outputCharset } from "./output-charset.js";
import { type Cn12379Extension, profileExtensionOf } from "./profile-extension.js";
import { writeReferences } from "./references.js";
import { senderCodePattern } from "./sender-unit.js";
import { writeMsgType, writeStatus } from "./vocabulary.js";
import { XmlWriter } from "./xml-writer.js";

/** `<senderCode>_<YYYYMMDDhhmmss>[_N]`, the identifier form receivers of the profile expect. */
const identifierPattern = /^\d{14}_\d{14}(_\d+)?$/;

/**
 * A canonical warning → 12379 XML: no namespace, the sample's element order, Beijing times,
 * absent values as empty elements. Throws `EIX_ADAPTER_UNSUPPORTED_KIND` for other kinds and
 * `EIX_ADAPTER_MISSING_FIELD` when no 14-digit sender code is known.
 */
export function encodeCn12379(message: Envelope, ctx: EncodeContext = {}): Uint8Array {
  if (message.kind !== "warning") throw new AdapterError("EIX_ADAPTER_UNSUPPORTED_KIND", { value: message.kind });
  const { payload } = message;
  const kept = profileExtensionOf(payload);
  const charset = outputCharset(ctx.options?.charset);
  const senderCode = senderCodeOf(message.sender, kept);
  const handling = writeHandling(message.classification, kept);

  const writer = new XmlWriter(charset.label);
  writer.open("alert");
  writer.leaf(
    "identifier",
    identifierPattern.test(message.id) ? message.id : `${senderCode}_${compactBeijingTime(message.sentAt, "sentAt")}`,
  );
  writer.leaf("sender", kept.sender ?? message.sender.name);
  writer.leaf("senderCode", senderCode);
  writer.leaf("sendTime", toBeijingSpacedTime(message.sentAt, "sentAt"));
  writer.leaf("status", writeStatus(message.status, kept.status));
  writer.leaf("msgType", writeMsgType(payload.msgType));
  writer.leaf("scope", handling.scope);
  writeChannels(writer, kept.channels);
  writer.leaf("secClassification", handling.secClassification);
  writer.leaf("note", kept.note);
  writer.leaf("references", writeReferences(message.references, kept.references));
  const main = {
    language: payload.language ?? "zh-CN",
    ...(payload.headline === undefined ? {} : { headline: payload.headline }),
    ...(payload.description === undefined ? {} : { description: payload.description }),
    ...(payload.instruction === undefined ? {} : { instruction: payload.instruction }),
  };
  writeInfo(writer, payload, kept, main, kept.senderName);
  // One more info per language, as CAP carries translations.
  for (const translation of payload.translations ?? []) writeInfo(writer, payload, kept, translation, kept.senderName);
  writer.close("alert");
  return charset.encode(writer.toString());
}

/** The unit id when it is a sender code, else the code kept from a decoded message. */
function senderCodeOf(sender: Unit, kept: Cn12379Extension): string {
  if (senderCodePattern.test(sender.unitId)) return sender.unitId;
  if (kept.senderCode !== undefined && senderCodePattern.test(kept.senderCode)) return kept.senderCode;
  throw new AdapterError("EIX_ADAPTER_MISSING_FIELD", {
    value: "senderCode (a 14-digit sender.unitId or extensions.weather.cn12379.senderCode)",
  });
}
