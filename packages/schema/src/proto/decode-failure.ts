// What a failed decode reports. Bytes from the network are untrusted, so tryDecodeEnvelope turns
// every problem into this typed failure (code + zh-CN/en text) instead of an exception.
import type { LocalizedText } from "../issue.js";

export const PROTO_DECODE_CODE = "EIX_PROTO_DECODE";

export interface ProtoDecodeFailure {
  readonly code: typeof PROTO_DECODE_CODE;
  readonly message: LocalizedText;
}

/** A problem found while turning a decoded message back into JSON, with its JSON pointer. */
export class ProtoShapeProblem extends Error {
  readonly localized: LocalizedText;

  constructor(pointer: string, en: string, zh: string) {
    const where = pointer === "" ? "" : `${pointer}: `;
    const whereZh = pointer === "" ? "" : `${pointer}：`;
    super(`${where}${en}`);
    this.name = "ProtoShapeProblem";
    this.localized = { "zh-CN": `${whereZh}${zh}`, en: `${where}${en}` };
  }
}

/** The failure for a shape problem, or for an error protobufjs raised on malformed wire data. */
export function decodeFailure(error: unknown): ProtoDecodeFailure {
  const detail =
    error instanceof ProtoShapeProblem
      ? error.localized
      : { "zh-CN": `报文格式错误（${errorText(error)}）`, en: `malformed wire data (${errorText(error)})` };
  return {
    code: PROTO_DECODE_CODE,
    message: {
      "zh-CN": `无法解码 EIX protobuf 消息：${detail["zh-CN"]}`,
      en: `Cannot decode the EIX protobuf message: ${detail.en}`,
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Thrown by decodeEnvelope; carries the same code and bilingual text as the typed failure. */
export class EixProtoDecodeError extends Error {
  readonly code = PROTO_DECODE_CODE;
  readonly localized: LocalizedText;

  constructor(failure: ProtoDecodeFailure) {
    super(failure.message.en);
    this.name = "EixProtoDecodeError";
    this.localized = failure.message;
  }
}
