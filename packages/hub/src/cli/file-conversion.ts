import { encodeEnvelope } from "./envelope-encode.js";
import { type Format, formatName } from "./format-choice.js";
import { outputExtension } from "./format-extensions.js";
import type { DecodedFile } from "./input-decode.js";
import { outputName } from "./output-names.js";
import type { ReportedIssue } from "./reported-issue.js";

/** One envelope in the target format, and the file name it gets. */
export interface ConvertedOutput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** One input file converted: what could be encoded, and every issue on the way. */
export interface FileConversion {
  readonly file: string;
  /** The input format used ("canonical" or an adapter id); absent when none could be chosen. */
  readonly from?: string;
  readonly to: string;
  readonly outputs: readonly ConvertedOutput[];
  /** Decode issues (warnings included), then encode refusals. */
  readonly issues: readonly ReportedIssue[];
  /** The file was refused, or some envelope of it could not be encoded. */
  readonly failed: boolean;
  readonly unreadable?: true;
}

/**
 * Encodes every envelope of a decoded file with the target format. An envelope the target
 * refuses is reported (with `/N` as its location when the file has several) and the others
 * are still converted.
 */
export function convertFile(decoded: DecodedFile, target: Format): FileConversion {
  const base = {
    file: decoded.file,
    ...(decoded.format === undefined ? {} : { from: decoded.format }),
    to: formatName(target),
    ...(decoded.unreadable ? { unreadable: decoded.unreadable } : {}),
  };
  if (!decoded.ok) return { ...base, outputs: [], issues: decoded.issues, failed: true };
  const issues = [...decoded.issues];
  const outputs: ConvertedOutput[] = [];
  const count = decoded.envelopes.length;
  const extension = outputExtension(target);
  decoded.envelopes.forEach((envelope, index) => {
    const encoded = encodeEnvelope(envelope, target, decoded.blobs);
    if (encoded.ok) outputs.push({ name: outputName(decoded.file, index, count, extension), bytes: encoded.bytes });
    else issues.push(count > 1 ? { ...encoded.issue, path: `/${index}` } : encoded.issue);
  });
  return { ...base, outputs, issues, failed: outputs.length < count };
}
