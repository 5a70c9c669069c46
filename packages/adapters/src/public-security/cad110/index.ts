import type { Envelope } from "@eix/schema";
import { type DecodeContext, defineAdapter, type EncodeContext } from "../../contract.js";
import { AdapterError } from "../../errors.js";
import { runDecode } from "../../kit/decode-frame.js";
import { optionsCheck } from "../../kit/options-check.js";
import { readCad110Options } from "./cad110-options.js";
import { canonicalToRecord } from "./canonical-to-record.js";
import { readCad110Records } from "./read-records.js";
import { recordToCanonical } from "./record-to-canonical.js";
import { sniffCad110 } from "./sniff.js";
import { shapeOf, writeCad110Records } from "./write-records.js";

export { cad110Issues } from "./cad110-errors.js";
export type { Cad110Options } from "./cad110-options.js";
export { type CallType, callTypes, lookupCallType } from "./call-types.js";
export { readCsv, writeCsv } from "./csv.js";
export { maskFreeText, maskName, maskPhone, type PersonalDataPolicy } from "./personal-data.js";
export { type Cad110Shape, readCad110Records } from "./read-records.js";
export { CAD110_FIELDS, type Cad110Record } from "./record-fields.js";
export type { Cad110Extension } from "./record-to-canonical.js";
export { writeCad110Records } from "./write-records.js";

const ref = { id: "public-security.cad110", version: "0.1.0" } as const;
const SHAPE_NAMES = { xml: "XML", json: "JSON", csv: "CSV" } as const;

/**
 * The 110 dispatch record (110 接警单, vendor table BF_110) of legacy police CAD systems, as XML
 * rows, JSON objects or CSV, in GB18030 or UTF-8. See README.md for the mapping and options.
 */
export const publicSecurityCad110Adapter = defineAdapter({
  ...ref,
  department: "public-security",
  title: { "zh-CN": "110 接警单（警务指挥调度系统）", en: "110 dispatch record (police CAD)" },
  // Not text/csv: any CSV (a FIRMS hotspot list) would be handed to this adapter; such bodies are sniffed.
  mediaTypes: ["application/vnd.eix.cad110+xml", "application/vnd.eix.cad110+json", "application/vnd.eix.cad110+csv"],
  schemaRange: "^1.0.0",
  sniff: sniffCad110,
  decode: (bytes: Uint8Array, ctx: DecodeContext = {}) =>
    runDecode(ref, bytes, ctx, () => {
      let options: ReturnType<typeof readCad110Options>;
      try {
        options = readCad110Options(ctx.options);
      } catch (error) {
        if (AdapterError.is(error)) return { ok: false, error, issues: [] };
        throw error;
      }
      const input = readCad110Records(bytes, ctx.limits ?? {}, options.charset);
      if (!input.ok) return input;
      const issues = [...input.issues];
      const messages: Envelope[] = [];
      try {
        for (const { record, position } of input.records) {
          const message = recordToCanonical(record, position, options, ctx.sender, issues);
          if (message) messages.push(message);
        }
      } catch (error) {
        if (AdapterError.is(error)) return { ok: false, error, issues };
        throw error;
      }
      return {
        ok: true,
        messages,
        issues,
        sourceFormat: `110 dispatch record (${SHAPE_NAMES[input.shape]})`,
        charset: input.charset,
      };
    }),
  encode: (message: Envelope, ctx?: EncodeContext) => {
    const options = readCad110Options(ctx?.options ?? {});
    return writeCad110Records([canonicalToRecord(message, options.datum)], shapeOf(ctx?.options?.shape), ctx?.options?.charset);
  },
  checkOptions: optionsCheck(readCad110Options),
});

/** Several incidents → one payload of records (a batch for a legacy display system). */
export function encodeCad110Batch(messages: readonly Envelope[], options: Readonly<Record<string, unknown>> = {}): Uint8Array {
  const { datum } = readCad110Options(options);
  return writeCad110Records(
    messages.map((message) => canonicalToRecord(message, datum)),
    shapeOf(options.shape),
    options.charset,
  );
}
