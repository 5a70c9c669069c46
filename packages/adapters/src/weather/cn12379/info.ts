import { lookupEventType, type Warning, type WarningTranslation } from "@eix/schema";
import { childElement, type XmlElement } from "../../kit/xml.js";
import { readArea, writeArea } from "./area.js";
import { readBeijingTime, toBeijingSpacedTime } from "./beijing-time.js";
import type { AreaKept, Cn12379Extension } from "./profile-extension.js";
import { readSeverity, writeSeverity } from "./severity-colour.js";
import type { SourceReader } from "./source-reader.js";
import { readCertainty, readUrgency } from "./vocabulary.js";
import type { XmlWriter } from "./xml-writer.js";

/** The warning fields one `<info>` gives. */
export type InfoFields = Omit<Warning, "warningId" | "msgType" | "translations" | "attachments" | "extensions">;

/** What `<info>` has that the warning has not (see Cn12379Extension). */
export type InfoKept = {
  -readonly [K in "senderName" | "web" | "event" | "urgency" | "certainty" | "severity"]?: Cn12379Extension[K];
} & { areas?: AreaKept[] };

const eventTypePattern = /^1[0-9][0-9A-Z][0-9]{2}$/;

/** The hazard name for a national event code, as warnings name it: 大风, not 大风事件. */
export function eventNameFor(eventType: string): string | undefined {
  return lookupEventType(eventType)?.name.replace(/事件$/, "");
}

// zh_CN is seen where zh-CN is meant.
const languageOf = (text: string | undefined) => text?.replace(/_/g, "-");

/** Reads the first (main) `<info>`. */
export function readInfo(info: XmlElement, at: string, reader: SourceReader): { fields: InfoFields; kept: InfoKept } {
  const fields: InfoFields = {};
  const kept: InfoKept = {};
  const eventText = reader.text(info, "eventType");
  if (eventText !== undefined) {
    const eventType = eventText.toUpperCase();
    if (!eventTypePattern.test(eventType))
      reader.fail(
        "EIX_ADAPTER_BAD_VALUE",
        { value: `${at}/eventType`, detail: `"${eventText}" is not a 5-character event code 1DLNN` },
        childElement(info, "eventType"),
        `${at}/eventType`,
      );
    fields.eventType = eventType;
  }
  const event = reader.text(info, "event");
  if (event !== undefined) kept.event = event;
  const eventName = event ?? (fields.eventType === undefined ? undefined : eventNameFor(fields.eventType));
  if (eventName !== undefined) fields.eventName = eventName;

  readWords(info, at, reader, fields, kept);
  for (const key of ["effective", "onset", "expires"] as const) {
    const value = readBeijingTime(reader, info, key, at, `/payload/${key}`);
    if (value !== undefined) fields[key] = value;
  }
  for (const key of ["headline", "description", "instruction"] as const) {
    const value = reader.text(info, key);
    if (value !== undefined) fields[key] = value;
  }
  for (const key of ["senderName", "web"] as const) {
    const value = reader.text(info, key);
    if (value !== undefined) kept[key] = value;
  }
  const areas = reader.children(info, "area", at).map(({ element, at: areaAt }) => readArea(element, areaAt, reader));
  const read = areas.filter((entry) => entry.area !== undefined);
  if (read.length > 0) fields.areas = read.map((entry) => entry.area).filter((area) => area !== undefined);
  if (read.some((entry) => entry.kept.geocode !== undefined)) kept.areas = read.map((entry) => entry.kept);
  return { fields, kept };
}

function readWords(info: XmlElement, at: string, reader: SourceReader, fields: InfoFields, kept: InfoKept): void {
  const urgency = reader.text(info, "urgency");
  if (urgency !== undefined) {
    const word = readUrgency(urgency);
    if (word) fields.urgency = word;
    else {
      kept.urgency = urgency;
      unmapped(reader, info, "urgency", at, urgency);
    }
  }
  const certainty = reader.text(info, "certainty");
  if (certainty !== undefined) {
    const word = readCertainty(certainty);
    if (word) fields.certainty = word;
    else {
      kept.certainty = certainty;
      unmapped(reader, info, "certainty", at, certainty);
    }
  }
  const severity = reader.text(info, "severity");
  if (severity !== undefined) {
    const reading = readSeverity(severity);
    if (reading.ok) {
      if (reading.level) fields.level = reading.level;
      fields.capSeverity = reading.capSeverity;
    } else {
      kept.severity = severity;
      unmapped(reader, info, "severity", at, severity);
    }
  }
}

// The word is kept under extensions, so re-encoding writes it back.
function unmapped(reader: SourceReader, info: XmlElement, name: string, at: string, value: string): void {
  reader.note("EIX_ADAPTER_UNMAPPED", { value, detail: "not a CAP or 12379 word" }, childElement(info, name), `${at}/${name}`);
}

/** A further `<info>` in another language becomes a translation; without a language it cannot. */
export function readTranslation(info: XmlElement, at: string, reader: SourceReader): WarningTranslation | undefined {
  const language = languageOf(reader.text(info, "language"));
  if (language === undefined) {
    reader.note(
      "EIX_ADAPTER_UNMAPPED",
      { value: at, detail: "a further info block without its own language is ignored" },
      info,
      at,
    );
    return undefined;
  }
  const translation: WarningTranslation = { language };
  for (const key of ["headline", "description", "instruction"] as const) {
    const value = reader.text(info, key);
    if (value !== undefined) translation[key] = value;
  }
  return translation;
}

/** The language of the main `<info>`; the profile is Chinese, so an absent one is zh-CN. */
export function readLanguage(info: XmlElement | undefined, reader: SourceReader): string {
  return (info && languageOf(reader.text(info, "language"))) ?? "zh-CN";
}

/** Texts that differ between the main info and a translation. */
export type InfoTexts = Pick<WarningTranslation, "language" | "headline" | "description" | "instruction">;

/** Writes one `<info>` in the sample's order, absent values as empty elements. */
export function writeInfo(
  writer: XmlWriter,
  payload: Warning,
  kept: Cn12379Extension,
  texts: InfoTexts,
  senderName: string | undefined,
): void {
  const time = (value: string | undefined, field: string) =>
    value === undefined ? undefined : toBeijingSpacedTime(value, field);
  writer.open("info");
  writer.leaf("language", texts.language);
  writer.leaf("eventType", payload.eventType);
  if (kept.event !== undefined) writer.leaf("event", payload.eventName ?? kept.event);
  writer.leaf("urgency", payload.urgency ?? kept.urgency);
  writer.leaf("severity", writeSeverity(payload.level, payload.capSeverity) ?? kept.severity);
  writer.leaf("certainty", payload.certainty ?? kept.certainty);
  writer.leaf("effective", time(payload.effective, "payload.effective"));
  writer.leaf("onset", time(payload.onset, "payload.onset"));
  writer.leaf("expires", time(payload.expires, "payload.expires"));
  writer.leaf("senderName", senderName);
  writer.leaf("headline", texts.headline);
  writer.leaf("description", texts.description);
  writer.leaf("instruction", texts.instruction);
  writer.leaf("web", kept.web);
  const areas = payload.areas ?? [];
  if (areas.length === 0) writeArea(writer, undefined, undefined);
  areas.forEach((area, i) => {
    writeArea(writer, area, kept.areas?.[i]);
  });
  writer.close("info");
}
