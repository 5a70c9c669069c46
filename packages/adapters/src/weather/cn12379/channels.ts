import type { XmlElement } from "../../kit/xml.js";
import type { Channel } from "./profile-extension.js";
import type { SourceReader } from "./source-reader.js";
import type { XmlWriter } from "./xml-writer.js";

/**
 * The distribution channels of `code/method` (发布渠道), one per method: methodName (SMS,
 * SPEAKER, WEB, LED…), the text for that channel, and the audience fields `audienceGrp` and
 * `audenceprt` (spelled so in the field). Each method's children are kept in order, empty
 * ones as empty strings, so that re-encoding writes the block as it was.
 */
export function readChannels(code: XmlElement | undefined, reader: SourceReader): Channel[] {
  if (!code) return [];
  return reader.children(code, "method", "/alert/code").map(({ element, at }) => {
    const entries: Array<[string, string]> = [];
    for (const child of element.children) {
      if (entries.some(([name]) => name === child.name)) {
        reader.note(
          "EIX_ADAPTER_UNMAPPED",
          { value: child.name, detail: "repeated in one method; the first is kept" },
          child,
          at,
        );
        continue;
      }
      entries.push([child.name, child.text.trim()]);
    }
    // fromEntries defines own properties, so even a child named __proto__ stays plain data.
    return Object.fromEntries(entries);
  });
}

export function writeChannels(writer: XmlWriter, channels: readonly Channel[] | undefined): void {
  if (!channels || channels.length === 0) {
    writer.leaf("code", undefined);
    return;
  }
  writer.open("code");
  for (const channel of channels) {
    writer.open("method");
    for (const [name, text] of Object.entries(channel)) writer.leaf(name, text);
    writer.close("method");
  }
  writer.close("code");
}
