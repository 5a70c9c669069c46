import type { Envelope } from "@eix/schema";
import type { EncodeContext } from "../../contract.js";
import { canonicalToCap } from "./canonical-to-cap.js";
import { writeCap12 } from "./write-cap.js";

/** A canonical warning → CAP 1.2 XML (UTF-8). Throws AdapterError for other kinds. */
export function encodeCap(message: Envelope, ctx: EncodeContext = {}): Uint8Array {
  return new TextEncoder().encode(writeCap12(canonicalToCap(message), ctx.blobs));
}
