import { type Envelope, parseJsonInput, SCHEMA_VERSION } from "@eix/schema";
import type { AdapterIssue, DecodeContext } from "../../contract.js";
import { AdapterError, type SourcePosition } from "../../errors.js";
import { decodeText } from "../../kit/charset.js";
import { lineColumn } from "../../kit/text-position.js";
import { CAP_NAMESPACES } from "../../weather/cap/cap-model.js";
import { capToCanonical } from "../../weather/cap/cap-to-canonical.js";
import { readCapAlert } from "../../weather/cap/read-cap.js";
import { readContentData } from "./content-data.js";
import type { ContentObject } from "./edxl-model.js";

/** What one content object holds. */
export type ContentReading =
  | { readonly type: "messages"; readonly messages: Envelope[]; readonly capVersion?: string }
  /** Not an EIX message or a CAP alert: an Ack or Error may still say what it answers (foreign-ack.ts). */
  | { readonly type: "foreign"; readonly why: string; readonly json?: unknown; readonly plainText?: string };

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isCanonical = (value: unknown): value is Envelope => isObject(value) && value.schema === SCHEMA_VERSION && "kind" in value;

export function positionOf(content: ContentObject, text: string): SourcePosition {
  if (content.offset === undefined) return { at: content.at };
  return { ...lineColumn(text, Math.max(0, text.lastIndexOf("<", content.offset))), at: content.at };
}

/** Content bytes as text: the media type's charset, else UTF-8, else GB18030 with a warning. */
function textOf(data: Uint8Array, mediaType: string, where: SourcePosition, issues: AdapterIssue[]): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(mediaType)?.[1];
  const decoded = decodeText(data, charset === undefined ? {} : { declared: charset });
  if (!decoded.ok)
    throw new AdapterError(
      decoded.error.code === "EIX_CHARSET_UNSUPPORTED" ? decoded.error.code : "EIX_CHARSET_INVALID",
      { value: charset ?? "UTF-8 or GB18030", detail: where.at ?? "" },
      { position: where },
    );
  issues.push(...decoded.issues.map((issue) => ({ ...issue, position: where })));
  return decoded.text;
}

/** JSON bytes → an EIX message, or the JSON they hold. */
function canonicalFromBytes(
  data: Uint8Array,
  mediaType: string,
  where: SourcePosition,
  ctx: DecodeContext,
  issues: AdapterIssue[],
): { message: Envelope } | { json: unknown } {
  const text = textOf(data, mediaType, where, issues);
  const limits = ctx.limits?.maxDepth === undefined ? {} : { maxDepth: ctx.limits.maxDepth };
  const parsed = parseJsonInput(new TextEncoder().encode(text), limits);
  if (!parsed.ok)
    throw new AdapterError(
      "EIX_EDXL_CONTENT_UNSUPPORTED",
      { value: where.at ?? "", detail: parsed.issue.message.en },
      { position: where },
    );
  return isCanonical(parsed.value) ? { message: parsed.value } : { json: parsed.value };
}

/**
 * Reads one content object: a CAP alert through the CAP adapter's own reader and mapping, EIX
 * canonical JSON (base64 in otherContent, checked against size and digest; or a JSON form's
 * customContent). Throws AdapterError for what cannot be read.
 */
export function readContentMessages(
  content: ContentObject,
  text: string,
  ctx: DecodeContext,
  issues: AdapterIssue[],
  blobs: Map<string, Uint8Array>,
): ContentReading {
  const where = positionOf(content, text);
  const body = content.body;
  switch (body.type) {
    case "none":
      throw new AdapterError("EIX_EDXL_CONTENT_MISSING", { value: content.at, detail: body.detail }, { position: where });
    case "xml-text":
      throw new AdapterError("EIX_ADAPTER_INTERNAL", { detail: "xml-text content is written, never read" });
    case "xml": {
      const element = body.element;
      if (element.name !== "alert" || element.namespace === undefined || !CAP_NAMESPACES[element.namespace])
        return { type: "foreign", why: `<${element.qname}> in namespace ${element.namespace ?? "(none)"} is not a CAP alert` };
      // The alert is already an element of this document: read it where it stands, so that
      // positions are line:column in the distribution, with no second parse.
      const read = readCapAlert(element, text, blobs);
      if (!read.ok) throw read.error;
      const mapped = capToCanonical(read.alert, ctx);
      if (!mapped.ok) throw mapped.error;
      issues.push(...mapped.issues);
      return { type: "messages", messages: mapped.messages, capVersion: read.alert.version };
    }
    case "other": {
      const data = readContentData(body.other, content.at, where);
      const mediaType = body.other.mimeType.toLowerCase();
      if (/^application\/([\w.-]+\+)?json\b/.test(mediaType)) {
        const read = canonicalFromBytes(data, mediaType, where, ctx, issues);
        return "message" in read
          ? { type: "messages", messages: [read.message] }
          : { type: "foreign", why: "JSON that is not an EIX message (schema eix/1)", json: read.json };
      }
      const plainText = /^text\/plain\b/.test(mediaType) ? textOf(data, mediaType, where, issues) : undefined;
      return {
        type: "foreign",
        why: `content of type "${body.other.mimeType}"`,
        ...(plainText === undefined ? {} : { plainText }),
      };
    }
    case "json": {
      const message = isObject(body.message) ? body.message : {};
      const candidate = isCanonical(message.customContent) ? message.customContent : message;
      return isCanonical(candidate)
        ? { type: "messages", messages: [candidate] }
        : { type: "foreign", why: "a JSON message that is not an EIX message (schema eix/1)", json: body.message };
    }
  }
}
