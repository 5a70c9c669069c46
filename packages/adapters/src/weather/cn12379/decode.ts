import type { Classification, Envelope, Warning } from "@eix/schema";
import type { DecodeContext, DecodeResult } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { type DecodeBody, runDecode } from "../../kit/decode-frame.js";
import { childElement, type XmlElement } from "../../kit/xml.js";
import { readXmlBytes } from "../../kit/xml-input.js";
import { readChannels } from "./channels.js";
import {
  readHandling,
  readIdentifier,
  readMsgTypeField,
  readReferencesField,
  readSender,
  readSentAt,
  readStatusField,
} from "./header.js";
import { type InfoFields, type InfoKept, readInfo, readLanguage, readTranslation } from "./info.js";
import { type Cn12379Extension, compactExtension, EXTENSION_FAMILY, EXTENSION_KEY } from "./profile-extension.js";
import { SourceReader } from "./source-reader.js";

export const SOURCE_FORMAT = "12379 warning profile (国家突发事件预警信息发布系统)";

/** Bytes of one 12379 message → one canonical warning, validated, or a coded error. */
export function decodeCn12379(
  adapter: { readonly id: string; readonly version: string },
  bytes: Uint8Array,
  ctx: DecodeContext = {},
): DecodeResult {
  return runDecode(adapter, bytes, ctx, () => decodeBody(bytes, ctx));
}

function decodeBody(bytes: Uint8Array, ctx: DecodeContext): DecodeBody {
  const input = readXmlBytes(bytes, ctx.limits ?? {});
  if (!input.ok) return input;
  const { root } = input;
  if (root.qname !== "alert" || root.namespace !== undefined) {
    const detail =
      root.name === "alert"
        ? `<${root.qname}> in namespace ${root.namespace ?? "(prefixed)"} is CAP proper (weather.cap), not the 12379 profile`
        : `root element <${root.qname}>, expected <alert> without namespace`;
    return { ok: false, error: new AdapterError("EIX_ADAPTER_WRONG_FORMAT", { detail }), issues: input.issues };
  }
  const reader = new SourceReader(input.text, input.issues);
  try {
    const message = readAlert(root, reader, ctx);
    return { ok: true, messages: [message], issues: reader.issues, sourceFormat: SOURCE_FORMAT, charset: input.charset };
  } catch (error) {
    // Readers fail with a coded, positioned error; anything else is the frame's to report.
    if (AdapterError.is(error)) return { ok: false, error, issues: reader.issues };
    throw error;
  }
}

function readAlert(alert: XmlElement, reader: SourceReader, ctx: DecodeContext): Envelope {
  const identifier = readIdentifier(alert, reader);
  const own = readSender(alert, reader);
  const sentAt = readSentAt(alert, reader);
  const status = readStatusField(alert, reader);
  const msgType = readMsgTypeField(alert, reader);
  const handling = readHandling(alert, reader);
  const channels = readChannels(childElement(alert, "code"), reader);
  const note = reader.text(alert, "note");
  const references = readReferencesField(alert, reader, msgType);

  const infos = reader.children(alert, "info", "/alert");
  const main = infos[0] ? readInfo(infos[0].element, infos[0].at, reader) : { fields: {} as InfoFields, kept: {} as InfoKept };
  const translations = infos
    .slice(1)
    .map(({ element, at }) => readTranslation(element, at, reader))
    .filter((translation) => translation !== undefined);

  // A source configured with its unit (ctx.sender) overrides what the message says; the
  // message's own words are then kept for re-encoding.
  const sender = ctx.sender ?? own.unit;
  const extension: Cn12379Extension = compactExtension({
    ...main.kept,
    channels,
    scope: handling.scope,
    secClassification: handling.secClassification,
    status: status.kept,
    note,
    references: references.kept,
    sender: ctx.sender && own.name !== undefined && own.name !== ctx.sender.name ? own.name : undefined,
    senderCode: ctx.sender && own.senderCode !== ctx.sender.unitId ? own.senderCode : undefined,
  });

  // An update or cancellation names the first message of the chain in `references` (as 12379
  // publishers do); that identifier is the warning's stable id. An alert is its own warning.
  const firstReference = references.references[0];
  const warningId = msgType !== "alert" && firstReference ? firstReference.id : identifier;
  const payload: Warning = {
    warningId,
    msgType,
    ...main.fields,
    language: readLanguage(infos[0]?.element, reader),
    ...(translations.length > 0 ? { translations } : {}),
    ...(Object.keys(extension).length > 0 ? { extensions: { [EXTENSION_FAMILY]: { [EXTENSION_KEY]: extension } } } : {}),
  };
  return {
    id: identifier,
    schema: "eix/1",
    kind: "warning",
    sentAt,
    sender,
    status: status.status,
    // A classified marking is passed on unchanged: the validator refuses it (EIX_SCHEMA_CLASSIFIED_REFUSED).
    classification: handling.classification as Classification,
    ...(references.references.length > 0 ? { references: references.references } : {}),
    payload,
  };
}
