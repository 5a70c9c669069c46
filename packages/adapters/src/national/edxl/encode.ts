import type { Envelope } from "@eix/schema";
import type { EncodeContext } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { weatherCapAdapter } from "../../weather/cap/index.js";
import { contentDigest } from "./content-data.js";
import { extensionOf, withEdxlExtension, withExtension } from "./edxl-extension.js";
import type { ContentBody, EdxlForm } from "./edxl-model.js";
import { envelopeFields } from "./envelope-fields.js";
import { writeJsonDistribution } from "./write-json.js";
import { writeXmlDistribution } from "./write-xml.js";

function formOf(ctx: EncodeContext): EdxlForm {
  const form = ctx.options?.form ?? "xml";
  if (form !== "xml" && form !== "json")
    throw new AdapterError("EIX_ADAPTER_BAD_VALUE", { value: "options.form", detail: `"${String(form)}": xml or json` });
  return form;
}

/**
 * The content object's body: a warning as CAP 1.2 (the weather.cap adapter's own output, its
 * XML declaration dropped), anything else as canonical JSON, base64 with its size and SHA-256
 * digest. The JSON form embeds the canonical message itself, as SAMU-Hub's customContent.
 */
function bodyFor(message: Envelope, form: EdxlForm, ctx: EncodeContext): ContentBody {
  // What the extension says is written on the envelope: the content does not repeat it.
  const canonical = withEdxlExtension(message, undefined);
  if (form === "json") return { type: "json", message: { customContent: canonical } };
  if (message.kind === "warning") {
    const cap = new TextDecoder().decode(weatherCapAdapter.encode(canonical, ctx.blobs ? { blobs: ctx.blobs } : {}));
    return { type: "xml-text", text: cap.replace(/^<\?xml[^>]*\?>\s*/, "") };
  }
  const data = new TextEncoder().encode(JSON.stringify(canonical));
  return {
    type: "other",
    other: {
      mimeType: "application/json",
      size: String(data.byteLength),
      digest: contentDigest(data),
      contentData: Buffer.from(data).toString("base64"),
    },
  };
}

/** A canonical message → one EDXL-DE 2.0 distribution, XML (default) or JSON (`options.form`). */
export function encodeEdxl(message: Envelope, ctx: EncodeContext = {}): Uint8Array {
  const form = formOf(ctx);
  const fields = withExtension(envelopeFields(withEdxlExtension(message, undefined), form), extensionOf(message));
  const body = bodyFor(message, form, ctx);
  const text = form === "xml" ? writeXmlDistribution(fields, body) : writeJsonDistribution(fields, body);
  return new TextEncoder().encode(text);
}
