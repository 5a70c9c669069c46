import type { Classification, Reference, Status, Unit } from "@eix/schema";
import { childElement, type XmlElement } from "../../kit/xml.js";
import { readBeijingTime } from "./beijing-time.js";
import { markingWord, readMarking, readScope, stricter } from "./handling-marking.js";
import { readReferences } from "./references.js";
import { senderFromCode } from "./sender-unit.js";
import type { SourceReader } from "./source-reader.js";
import { capitalize, type MsgType, readMsgType, readStatus } from "./vocabulary.js";

// The `<alert>` header: identifier, sender and its code, sendTime, status, msgType, scope,
// secClassification and references. Each reader fails with the element's path and position.

const messageIdPattern = /^[\x21-\x7E]{1,200}$/;

export function readIdentifier(alert: XmlElement, reader: SourceReader): string {
  const identifier = reader.required(alert, "identifier", "/alert");
  if (!messageIdPattern.test(identifier))
    reader.fail(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "/alert/identifier", detail: "expected <senderCode>_<YYYYMMDDhhmmss>[_N], printable ASCII" },
      childElement(alert, "identifier"),
      "/alert/identifier",
    );
  return identifier;
}

/** The unit the message names by `senderCode` (14 digits) and `sender` (its name). */
export function readSender(
  alert: XmlElement,
  reader: SourceReader,
): { unit: Unit; senderCode: string; name: string | undefined } {
  const senderCode = reader.required(alert, "senderCode", "/alert");
  const name = reader.text(alert, "sender");
  const unit = senderFromCode(senderCode, name);
  if (!unit)
    reader.fail(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "/alert/senderCode", detail: `"${senderCode}" is not a 14-digit sender code ZZZZZZDDDUUUXX` },
      childElement(alert, "senderCode"),
      "/alert/senderCode",
    );
  return { unit, senderCode, name };
}

export function readSentAt(alert: XmlElement, reader: SourceReader): string {
  const text = reader.required(alert, "sendTime", "/alert");
  // Present and not empty (just checked), so the reading is a time or a thrown EIX_TIME_INVALID.
  return readBeijingTime(reader, alert, "sendTime", "/alert", "/sentAt") ?? text;
}

/** Status, with the source word kept when it is System or Draft (read as test). */
export function readStatusField(alert: XmlElement, reader: SourceReader): { status: Status; kept?: string } {
  const text = reader.required(alert, "status", "/alert");
  const reading = readStatus(text);
  if (!reading)
    reader.fail(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "/alert/status", detail: `"${text}": expected Actual, Exercise, Test, System or Draft` },
      childElement(alert, "status"),
      "/alert/status",
    );
  if (reading.word === capitalize(reading.status)) return { status: reading.status };
  reader.note(
    "EIX_ADAPTER_UNMAPPED",
    { value: reading.word, detail: "read as test, which never reaches live recipients" },
    childElement(alert, "status"),
    "/alert/status",
    "/status",
  );
  return { status: reading.status, kept: reading.word };
}

export function readMsgTypeField(alert: XmlElement, reader: SourceReader): MsgType {
  const text = reader.required(alert, "msgType", "/alert");
  const msgType = readMsgType(text);
  if (!msgType)
    reader.fail(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "/alert/msgType", detail: `"${text}": expected Alert, Update or Cancel` },
      childElement(alert, "msgType"),
      "/alert/msgType",
    );
  return msgType;
}

export interface HandlingReading {
  /**
   * The canonical classification, or a classified marking (秘密…) passed on as it is so that
   * the canonical validator refuses the message (EIX_SCHEMA_CLASSIFIED_REFUSED).
   */
  readonly classification: Classification | string;
  readonly scope?: string;
  readonly secClassification?: string;
}

/** Classification from `secClassification` and `scope`: the stricter of the two. */
export function readHandling(alert: XmlElement, reader: SourceReader): HandlingReading {
  const kept: { scope?: string; secClassification?: string } = {};
  let scopeClass: Classification = "public";
  const scopeText = reader.text(alert, "scope");
  if (scopeText !== undefined) {
    const scope = readScope(scopeText);
    if (scope) {
      scopeClass = scope.classification;
      if (scope.word !== "Public") kept.scope = scope.word;
    } else {
      scopeClass = "restricted";
      kept.scope = scopeText;
      reader.note(
        "EIX_ADAPTER_UNMAPPED",
        { value: scopeText, detail: "unknown scope, handled as restricted" },
        childElement(alert, "scope"),
        "/alert/scope",
        "/classification",
      );
    }
  }
  const secText = reader.text(alert, "secClassification");
  const marking = readMarking(secText);
  if (marking.kind === "classified") return { classification: marking.marking };
  if (!marking.known)
    reader.note(
      "EIX_ADAPTER_UNMAPPED",
      { value: secText ?? "", detail: "unknown marking, handled as restricted" },
      childElement(alert, "secClassification"),
      "/alert/secClassification",
      "/classification",
    );
  if (secText !== undefined && secText.toLowerCase() !== markingWord(marking.classification).toLowerCase())
    kept.secClassification = secText;
  return { classification: stricter(marking.classification, scopeClass), ...kept };
}

/** References, and the source text when re-encoding would not write it the same way. */
export function readReferencesField(
  alert: XmlElement,
  reader: SourceReader,
  msgType: MsgType,
): { references: Reference[]; kept?: string } {
  const text = reader.text(alert, "references");
  if (text === undefined) return { references: [] };
  const reading = readReferences(text, msgType);
  if (!reading.ok)
    reader.fail(
      "EIX_ADAPTER_BAD_VALUE",
      { value: "/alert/references", detail: `"${reading.bad}" is not a message identifier` },
      childElement(alert, "references"),
      "/alert/references",
    );
  const joined = reading.references.map((reference) => reference.id).join(",");
  return joined === text ? { references: reading.references } : { references: reading.references, kept: text };
}
