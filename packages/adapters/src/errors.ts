import type { IssueSeverity, LocalizedText } from "@eix/schema";

/** Where in the source bytes a problem is: line:column for text formats, row, segment/field. */
export interface SourcePosition {
  readonly line?: number;
  readonly column?: number;
  /** Element path such as /alert/info[1]/area[0] (XML), or segment id (HL7). */
  readonly at?: string;
  readonly row?: number;
  readonly field?: string;
}

export interface AdapterParams {
  readonly value?: string;
  readonly expected?: string;
  readonly limit?: string;
  readonly detail?: string;
}

interface AdapterErrorDefinition {
  readonly severity: IssueSeverity;
  readonly summary: string;
  readonly zh: (p: AdapterParams) => string;
  readonly en: (p: AdapterParams) => string;
}

/**
 * The adapter error table: `EIX_ADAPTER_*` for the contract and registry, `EIX_XML_*`,
 * `EIX_CHARSET_*`, `EIX_TIME_*` and `EIX_COORD_*` for the kit, `EIX_HL7_*` for the HL7 v2 parse layer,
 * `EIX_EDXL_*` for the EDXL-DE distribution envelope (national.edxl), `EIX_BATCH_*` for hub-to-hub
 * batches (national.batch), `EIX_EIDO_*` for NENA EIDO (public-security.eido), `EIX_CAD110_*` for 110 dispatch records
 * (public-security.cad110), `EIX_UCRI2_*` for UCRI2 (public-security.ucri2), `EIX_FIRE_*` for forest-fire
 * reports (forestry.fire-report), `EIX_HOTSPOT_*` for satellite hotspots (forestry.hotspots). Codes are never reused.
 */
export const adapterErrors = {
  EIX_ADAPTER_DEFINITION: {
    severity: "error",
    summary: "An adapter definition lacks a required member or has a malformed one.",
    zh: (p) => `适配器定义无效：${p.detail}`,
    en: (p) => `Invalid adapter definition: ${p.detail}`,
  },
  EIX_ADAPTER_DUPLICATE: {
    severity: "error",
    summary: "An adapter with the same id is already registered.",
    zh: (p) => `适配器 “${p.value}” 已注册`,
    en: (p) => `An adapter with id "${p.value}" is already registered`,
  },
  EIX_ADAPTER_SCHEMA_RANGE: {
    severity: "error",
    summary: "The adapter does not support this version of the canonical model.",
    zh: (p) => `适配器 “${p.value}” 支持的模型版本为 ${p.expected}，与当前模型版本 ${p.limit} 不兼容`,
    en: (p) => `Adapter "${p.value}" supports model versions ${p.expected}, not the current ${p.limit}`,
  },
  EIX_ADAPTER_NOT_FOUND: {
    severity: "error",
    summary: "No adapter is registered under that id or media type.",
    zh: (p) => `未找到适配器 “${p.value}”`,
    en: (p) => `No adapter "${p.value}" is registered`,
  },
  EIX_ADAPTER_NO_MATCH: {
    severity: "error",
    summary: "No registered adapter recognises the bytes (format sniffing failed).",
    zh: () => "无法识别报文格式：没有适配器能够处理该内容",
    en: () => "Unrecognised format: no registered adapter recognises the content",
  },
  EIX_ADAPTER_TOO_LARGE: {
    severity: "error",
    summary: "The input exceeds the adapter's size limit; it is refused before parsing.",
    zh: (p) => `报文过大：${p.value} 字节，上限 ${p.limit} 字节`,
    en: (p) => `The input is too large: ${p.value} bytes, the limit is ${p.limit} bytes`,
  },
  EIX_ADAPTER_WRONG_FORMAT: {
    severity: "error",
    summary: "The input is well-formed but not the format this adapter reads (e.g. wrong root element).",
    zh: (p) => `报文不是本适配器处理的格式：${p.detail}`,
    en: (p) => `The input is not in this adapter's format: ${p.detail}`,
  },
  EIX_ADAPTER_MISSING_FIELD: {
    severity: "error",
    summary: "A field the source format requires is missing.",
    zh: (p) => `缺少必需的字段 “${p.value}”`,
    en: (p) => `Required field "${p.value}" is missing`,
  },
  EIX_ADAPTER_BAD_VALUE: {
    severity: "error",
    summary: "A field of the source has a value the format does not allow.",
    zh: (p) => `字段 “${p.value}” 的取值无效：${p.detail}`,
    en: (p) => `Field "${p.value}" has an invalid value: ${p.detail}`,
  },
  EIX_ADAPTER_UNMAPPED: {
    severity: "warning",
    summary: "A source value has no equivalent in the canonical model; it is kept under extensions.",
    zh: (p) => `“${p.value}” 无法映射到规范模型，已保留在扩展字段中（${p.detail}）`,
    en: (p) => `"${p.value}" has no equivalent in the canonical model; kept under extensions (${p.detail})`,
  },
  EIX_ADAPTER_INVALID_OUTPUT: {
    severity: "error",
    summary: "The decoded message does not pass canonical validation; the validation issues follow.",
    zh: (p) => `转换后的消息未通过规范校验：${p.detail}`,
    en: (p) => `The decoded message fails canonical validation: ${p.detail}`,
  },
  EIX_ADAPTER_UNSUPPORTED_KIND: {
    severity: "error",
    summary: "The format cannot express this kind of message (encode).",
    zh: (p) => `该格式无法表达 “${p.value}” 类消息`,
    en: (p) => `This format cannot express a "${p.value}" message`,
  },
  EIX_ADAPTER_SIGNATURE_UNVERIFIED: {
    severity: "warning",
    summary: "The message carries an enveloped XML signature; it is kept with the message but not verified.",
    zh: () => "报文带有 XML 数字签名，已原样保留，但尚未验证",
    en: () => "The message carries an XML signature; it is kept but not verified",
  },
  EIX_ADAPTER_BLOB_MISSING: {
    severity: "error",
    summary: "Encoding needs the content of an attachment that the caller did not supply.",
    zh: (p) => `编码需要附件内容（摘要 ${p.value}），但未提供`,
    en: (p) => `Encoding needs the content of attachment ${p.value}, which was not supplied`,
  },
  EIX_ADAPTER_INTERNAL: {
    severity: "error",
    summary: "An unexpected failure inside an adapter; reported instead of thrown.",
    zh: (p) => `适配器内部错误：${p.detail}`,
    en: (p) => `Internal adapter failure: ${p.detail}`,
  },
  EIX_HL7_NO_MSH: {
    severity: "error",
    summary: "The input does not start with an MSH segment (blank lines and batch headers aside): not an HL7 v2 message.",
    zh: (p) => (p.value ? `不是 HL7 v2 消息：第一个段为 “${p.value}”，应为 MSH` : "不是 HL7 v2 消息：内容为空或没有 MSH 段"),
    en: (p) =>
      p.value
        ? `Not an HL7 v2 message: the first segment is "${p.value}", not MSH`
        : "Not an HL7 v2 message: the input is empty or has no MSH segment",
  },
  EIX_HL7_MSH_ENCODING: {
    severity: "error",
    summary: "MSH-1/MSH-2 do not give a field separator and 4 (v2.7+: 5) distinct encoding characters.",
    zh: (p) => `MSH-1/MSH-2 分隔符 “${p.value}” 无效：应为一个字段分隔符和 4 至 5 个互不相同、非字母数字的编码字符`,
    en: (p) =>
      `Unusable separators "${p.value}" in MSH-1/MSH-2: expected a field separator and 4 or 5 distinct non-alphanumeric encoding characters`,
  },
  EIX_HL7_SEGMENT_ID: {
    severity: "error",
    summary: "A segment id is not 3 characters [A-Z][A-Z0-9]{2} followed by the field separator.",
    zh: (p) => `段标识 “${p.value}” 无效：应为 3 个字符，大写字母开头，后跟大写字母或数字`,
    en: (p) => `Invalid segment id "${p.value}": expected 3 characters, a capital letter then capitals or digits`,
  },
  EIX_HL7_VERSION_UNSUPPORTED: {
    severity: "error",
    summary: "MSH-12 names an HL7 version outside the supported 2.1–2.8.x, or none.",
    zh: (p) =>
      p.value ? `不支持的 HL7 版本 “${p.value}”（MSH-12），支持 ${p.expected}` : `MSH-12 未填写 HL7 版本，支持 ${p.expected}`,
    en: (p) =>
      p.value
        ? `Unsupported HL7 version "${p.value}" (MSH-12); supported: ${p.expected}`
        : `MSH-12 names no HL7 version; supported: ${p.expected}`,
  },
  EIX_HL7_ESCAPE_MALFORMED: {
    severity: "warning",
    summary: "An escape sequence is unterminated or unknown; its text is kept as written.",
    zh: (p) => `转义序列 “${p.value}” 无效，已按原文保留`,
    en: (p) => `Malformed escape sequence "${p.value}"; kept as written`,
  },
  EIX_HL7_BATCH_SEGMENT_SKIPPED: {
    severity: "warning",
    summary: "A batch header or trailer (FHS, BHS, BTS, FTS) is not part of any message; it is skipped.",
    zh: (p) => `批处理段 ${p.value} 不属于任何消息，已跳过`,
    en: (p) => `Batch segment ${p.value} belongs to no message; skipped`,
  },
  EIX_HL7_TOO_MANY_SEGMENTS: {
    severity: "error",
    summary: "The input has more segments than the limit; refused.",
    zh: (p) => `段数超过上限 ${p.limit}`,
    en: (p) => `More segments than the limit of ${p.limit}`,
  },
  EIX_HL7_TOO_MANY_VALUES: {
    severity: "error",
    summary: "The input has more values (fields, repetitions, components, subcomponents) than the limit; refused.",
    zh: (p) => `字段、重复、组件和子组件的总数超过上限 ${p.limit}`,
    en: (p) => `More values (fields, repetitions, components, subcomponents) than the limit of ${p.limit}`,
  },
  EIX_HL7_NOT_ACK: {
    severity: "error",
    summary: "The text is not an HL7 acknowledgment (no MSA segment, or MSA-1 is not AA/AE/AR/CA/CE/CR).",
    zh: (p) => `不是 HL7 确认消息（ACK）：${p.detail}`,
    en: (p) => `Not an HL7 acknowledgment: ${p.detail}`,
  },
  EIX_HL7_NOT_REPORTABLE: {
    severity: "warning",
    summary:
      "The HL7 message carries no notifiable-disease case (no ICD-10 diagnosis in DG1 or OBX), so it yields no canonical message; the hub keeps it and acknowledges it.",
    zh: (p) => `HL7 消息 ${p.value}（控制号 ${p.detail}）不含法定传染病病例诊断，不生成应急报告`,
    en: (p) => `HL7 message ${p.value} (control id ${p.detail}) carries no notifiable-disease case; no report is made`,
  },
  EIX_HL7_REGION_FROM_SENDER: {
    severity: "warning",
    summary: "The patient address has no region code (PID-11.9); the incident is placed in the sending unit's region.",
    zh: (p) => `患者住址无行政区划代码（PID-11.9），事件地点取报告单位所在区划 ${p.value}`,
    en: (p) => `The patient address has no region code (PID-11.9); the incident is placed in the sender's region ${p.value}`,
  },
  EIX_HL7_PERSONAL_DATA_WITHHELD: {
    severity: "warning",
    summary:
      "Segments carrying personal data (PID, PD1, NK1, IN1–IN3, GT1, MRG) are not copied into the canonical message; they stay in the hospital system.",
    zh: (p) => `含个人信息的段（${p.value}）未写入规范报文，个人信息留在医院系统内`,
    en: (p) => `Segments with personal data (${p.value}) are not copied into the canonical message`,
  },
  EIX_EDXL_CLASSIFIED: {
    severity: "error",
    summary:
      "The distribution (combinedConfidentiality) or one of its content objects (confidentiality) declares itself classified (涉密); classified traffic does not belong on this network.",
    zh: (p) => `EDXL 分发报文标注为涉密（${p.value}），涉密信息不得经本网络传输，予以拒收`,
    en: (p) => `The EDXL distribution is marked classified ("${p.value}"); classified traffic is refused on this network`,
  },
  EIX_EDXL_CONTENT_MISSING: {
    severity: "error",
    summary:
      "A content object carries nothing to decode: an empty embeddedXMLContent, or non-XML content with neither contentData nor uri.",
    zh: (p) => `EDXL 内容对象 ${p.value} 没有可解码的内容（${p.detail}）`,
    en: (p) => `EDXL content object ${p.value} carries no content to decode (${p.detail})`,
  },
  EIX_EDXL_CONTENT_EXTERNAL: {
    severity: "error",
    summary:
      "A content object gives only a uri for its data; adapters do no I/O, so the sender must embed the data (contentData).",
    zh: (p) => `EDXL 内容对象 ${p.value} 仅给出地址 ${p.detail}，未内嵌数据（适配器不进行网络读取）`,
    en: (p) => `EDXL content object ${p.value} only points to ${p.detail}; the data must be embedded (adapters do no I/O)`,
  },
  EIX_EDXL_CONTENT_UNSUPPORTED: {
    severity: "error",
    summary:
      "A content object holds something with no canonical equivalent: XML other than a CAP alert, or data other than an EIX canonical message.",
    zh: (p) => `EDXL 内容对象 ${p.value} 的内容无法转换为规范报文：${p.detail}`,
    en: (p) => `EDXL content object ${p.value} holds content with no canonical equivalent: ${p.detail}`,
  },
  EIX_EDXL_BASE64_INVALID: {
    severity: "error",
    summary: "contentData (or digest) is not valid base64.",
    zh: (p) => `${p.value} 不是有效的 Base64 编码：${p.detail}`,
    en: (p) => `${p.value} is not valid base64: ${p.detail}`,
  },
  EIX_EDXL_SIZE_MISMATCH: {
    severity: "error",
    summary: "The decoded contentData is not as long as the content object's size says: the data was cut or altered on the way.",
    zh: (p) => `内容长度不符：size 声明 ${p.expected} 字节，实际 ${p.value} 字节`,
    en: (p) => `Content size mismatch: size says ${p.expected} bytes, the data has ${p.value}`,
  },
  EIX_EDXL_DIGEST_MISMATCH: {
    severity: "error",
    summary: "The digest of the decoded contentData differs from the content object's digest: the data was altered on the way.",
    zh: (p) => `内容摘要不符（${p.detail}）：声明 ${p.expected}，实际 ${p.value}`,
    en: (p) => `Content digest mismatch (${p.detail}): declared ${p.expected}, computed ${p.value}`,
  },
  EIX_EDXL_DIGEST_UNSUPPORTED: {
    severity: "error",
    summary:
      "The digest is neither a SHA-256 nor a SHA-1 value (base64 or hex), so the content cannot be checked; it is refused rather than taken unchecked.",
    zh: (p) => `无法识别的内容摘要 “${p.value}”：应为 SHA-256 或 SHA-1（Base64 或十六进制）`,
    en: (p) => `Unrecognised digest "${p.value}": expected SHA-256 or SHA-1, base64 or hex`,
  },
  EIX_EDXL_STATUS_MISMATCH: {
    severity: "error",
    summary:
      "distributionStatus disagrees with the status of the message it carries (e.g. an Exercise distribution holding an Actual message); routers act on the envelope, so it is refused.",
    zh: (p) => `分发状态 ${p.expected} 与所载报文状态 ${p.value} 不一致`,
    en: (p) => `distributionStatus ${p.expected} disagrees with the carried message's status ${p.value}`,
  },
  EIX_BATCH_BAD_MAGIC: {
    severity: "error",
    summary: 'The input does not start with the batch frame\'s magic bytes "EIXB": not an EIX batch.',
    zh: (p) => `不是 EIX 批量同步包：开头应为 “EIXB”，实为 ${p.value}`,
    en: (p) => `Not an EIX batch: the input starts with ${p.value}, not "EIXB"`,
  },
  EIX_BATCH_VERSION_UNSUPPORTED: {
    severity: "error",
    summary: "The batch frame's version byte names a version this adapter does not read.",
    zh: (p) => `不支持的批量同步包帧版本 ${p.value}，支持 ${p.expected}`,
    en: (p) => `Unsupported batch frame version ${p.value}; supported: ${p.expected}`,
  },
  EIX_BATCH_TRUNCATED: {
    severity: "error",
    summary:
      "The input ends before the batch frame does (inside the 9-byte header, or short of the length its header gives): a cut-off transfer or file.",
    zh: (p) => `批量同步包不完整：应有 ${p.expected} 字节，只收到 ${p.value} 字节`,
    en: (p) => `The batch is truncated: ${p.value} of ${p.expected} bytes`,
  },
  EIX_BATCH_TRAILING_BYTES: {
    severity: "error",
    summary: "Bytes follow the end of the batch frame that its length prefix gives; refused rather than ignored.",
    zh: (p) => `批量同步包（${p.expected} 字节）之后还有 ${p.value} 字节多余内容`,
    en: (p) => `${p.value} unexpected bytes follow the batch frame of ${p.expected} bytes`,
  },
  EIX_BATCH_TOO_MANY_ENVELOPES: {
    severity: "error",
    summary: "The batch holds (or declares) more envelopes than the limit; refused before any is converted.",
    zh: (p) => `批量同步包含 ${p.value} 条消息，超过上限 ${p.limit} 条`,
    en: (p) => `The batch holds ${p.value} envelopes, more than the limit of ${p.limit}`,
  },
  EIX_BATCH_PROTOBUF: {
    severity: "error",
    summary: "The frame's payload is not a well-formed eix.v1.Batch protobuf message.",
    zh: (p) => `批量同步包内容无法按 eix.v1.Batch 解码：${p.detail}`,
    en: (p) => `The batch payload is not a valid eix.v1.Batch message: ${p.detail}`,
  },
  EIX_BATCH_COUNT_MISMATCH: {
    severity: "error",
    summary: "The batch's count field disagrees with the number of envelopes it carries.",
    zh: (p) => `批量同步包声明含 ${p.expected} 条消息，实际为 ${p.value} 条`,
    en: (p) => `The batch declares ${p.expected} envelopes (count) but carries ${p.value}`,
  },
  EIX_BATCH_DIGEST_MISMATCH: {
    severity: "error",
    summary: "The SHA-256 digest of the envelopes disagrees with the batch's digest field: the content is corrupt.",
    zh: (p) => `批量同步包摘要不符，内容已损坏：声明为 ${p.expected}，计算得 ${p.value}`,
    en: (p) => `The batch digest does not match, the content is corrupt: declared ${p.expected}, computed ${p.value}`,
  },
  EIX_BATCH_ENVELOPE_DECODE: {
    severity: "error",
    summary:
      "An envelope of the batch does not convert from protobuf to the canonical model; the whole batch is refused, and an EIX_PROTO_DECODE issue gives the reason in both languages.",
    zh: (p) => `批量同步包第 ${p.value} 条消息（从 0 起计）无法转换：${p.detail}`,
    en: (p) => `Envelope ${p.value} (counting from 0) of the batch does not convert: ${p.detail}`,
  },
  EIX_BATCH_ENVELOPE_ENCODE: {
    severity: "error",
    summary:
      "Encoding: an envelope has no protobuf form (a property the model lacks, a wrong type, a lone UTF-16 surrogate); no batch is written.",
    zh: (p) => `第 ${p.value} 条消息（从 0 起计）无法编码为 protobuf：${p.detail}`,
    en: (p) => `Envelope ${p.value} (counting from 0) cannot be encoded as protobuf: ${p.detail}`,
  },
  EIX_BATCH_EMPTY: {
    severity: "warning",
    summary: "The batch carries no envelopes: valid (a sync with nothing pending), but it yields no message.",
    zh: (p) => `批量同步包 ${p.value} 不含消息`,
    en: (p) => `The batch ${p.value} carries no envelopes`,
  },
  EIX_EIDO_VERSION_UNSUPPORTED: {
    severity: "error",
    summary: "The EIDO declares an eidoVersion this adapter does not read (NENA-STA-021.1b defines 1.0 only).",
    zh: (p) => `不支持的 EIDO 版本 “${p.value}”，支持 ${p.expected}`,
    en: (p) => `Unsupported EIDO version "${p.value}"; supported: ${p.expected}`,
  },
  EIX_EIDO_DUPLICATE_ID: {
    severity: "error",
    summary: "Two data components of one EIDO carry the same $id, so a $ref to it is ambiguous.",
    zh: (p) => `EIDO 中有多个数据组件使用同一标识 $id “${p.value}”`,
    en: (p) => `More than one EIDO data component has the $id "${p.value}"`,
  },
  EIX_EIDO_REF_DANGLING: {
    severity: "error",
    summary: "A $ref names no data component of the EIDO; adapters do no I/O, so it cannot be dereferenced.",
    zh: (p) => `EIDO 引用 $ref “${p.value}” 指向不存在的数据组件`,
    en: (p) => `The EIDO reference $ref "${p.value}" names no data component`,
  },
  EIX_EIDO_REF_CYCLE: {
    severity: "error",
    summary:
      "Content references ($ref other than the updatedBy… attribution) form a cycle: a component would describe itself; refused as corrupt or hostile.",
    zh: (p) => `EIDO 数据组件之间的引用构成循环：${p.detail}`,
    en: (p) => `EIDO data components reference each other in a cycle: ${p.detail}`,
  },
  EIX_EIDO_INCIDENT_TYPE_UNMAPPED: {
    severity: "warning",
    summary:
      "The EIDO incident type has no entry in the EIDO → GB/T 35561 table; the generic 14Y00 (other social-safety event) is used.",
    zh: (p) => `EIDO 事件类型 “${p.value}” 无对应的 GB/T 35561 代码，按 ${p.expected}（其他社会安全事件）处理`,
    en: (p) =>
      `The EIDO incident type "${p.value}" has no GB/T 35561 equivalent; ${p.expected} (other social-safety event) is used`,
  },
  EIX_EIDO_REGION_FROM_SENDER: {
    severity: "warning",
    summary: "The EIDO carries no GB/T 2260 region code; the incident location takes the sending unit's region.",
    zh: (p) => `EIDO 未提供行政区划代码，事发地行政区划按发送单位的 ${p.value} 处理`,
    en: (p) => `The EIDO has no GB/T 2260 region code; the sending unit's region ${p.value} is used`,
  },
  EIX_EIDO_REGION_UNKNOWN: {
    severity: "error",
    summary: "Neither the EIDO nor the source configuration (ctx.sender) gives a GB/T 2260 region for the incident.",
    zh: () => "无法确定事发地行政区划：EIDO 未提供，且未配置发送单位",
    en: () => "No region for the incident: the EIDO gives none and no sending unit is configured",
  },
  EIX_EIDO_LOCATION_UNREADABLE: {
    severity: "warning",
    summary: "A location component's PIDF-LO (locationByValue) cannot be read; that location is skipped.",
    zh: (p) => `位置组件 “${p.value}” 的 PIDF-LO 无法解析，已跳过：${p.detail}`,
    en: (p) => `The PIDF-LO of location component "${p.value}" cannot be read and is skipped: ${p.detail}`,
  },
  EIX_EIDO_PERSONAL_DATA_WITHHELD: {
    severity: "warning",
    summary:
      "Personal data (person names, call-back numbers, agent identities, free additional data) is not copied into the canonical message; only counts and roles are.",
    zh: (p) => `EIDO 中的个人信息未写入规范消息（${p.detail}），只保留人数和角色`,
    en: (p) => `Personal data in the EIDO is not copied into the canonical message (${p.detail}); only counts and roles are kept`,
  },
  EIX_CAD110_NOT_REPORTABLE: {
    severity: "warning",
    summary:
      "The 110 record's call type has no emergency meaning (ordinary crime, public order, help requests, complaints…), or is not in the code table; it yields no canonical message and the hub files it.",
    zh: (p) => `接警单 ${p.value} 的报警类型（${p.detail}）不属于突发事件，不生成应急报告`,
    en: (p) => `110 record ${p.value}: call type ${p.detail} is no emergency; no report is made`,
  },
  EIX_CAD110_PERSONAL_DATA_WITHHELD: {
    severity: "warning",
    summary:
      "The caller's and call-taker's names and telephone numbers (BJRXM, BJRXB, BJDH, LXDH, JJYXM) are dropped or masked before they reach the canonical message.",
    zh: (p) => `接警单 ${p.value} 的个人信息（${p.detail}）已删除或脱敏`,
    en: (p) => `110 record ${p.value}: personal data (${p.detail}) dropped or masked`,
  },
  EIX_CAD110_FREE_TEXT_MASKED: {
    severity: "warning",
    summary: "ID-card numbers, telephone numbers or the caller's name found in 报警内容 or 事发地址 were masked.",
    zh: (p) => `接警单 ${p.value} 的报警内容或事发地址中发现并屏蔽了${p.detail}`,
    en: (p) => `110 record ${p.value}: masked ${p.detail} in the call text or address`,
  },
  EIX_CAD110_DATUM_ASSUMED: {
    severity: "warning",
    summary: "The source did not say which datum its coordinates use (option `datum`); they were read as WGS-84.",
    zh: (p) => `接警单 ${p.value} 的坐标未配置坐标系（datum），按 WGS-84 处理`,
    en: (p) => `110 record ${p.value}: no datum configured for its coordinates; read as WGS-84`,
  },
  EIX_FIRE_SEVERITY_MISMATCH: {
    severity: "warning",
    summary:
      "The severity stated in the forest-fire report differs from the grade computed from its losses (Forest Fire Prevention Regulations art. 40); the computed grade is used.",
    zh: (p) => `林火报告所报等级 ${p.value} 与按受害森林面积和伤亡计算的等级 ${p.expected} 不符，采用计算等级`,
    en: (p) =>
      `The reported severity ${p.value} differs from the grade computed from the losses (${p.expected}); the computed grade is used`,
  },
  EIX_FIRE_EXTINGUISHED_WITHOUT_REFERENCE: {
    severity: "warning",
    summary:
      "The forest-fire report says the fire is out (扑灭) but references no earlier report, so it cannot be a final report; its stage is kept.",
    zh: (p) => `林火报告状态为扑灭，但未引用此前的报告，不能作为终报，保持为${p.value === "initial" ? "初报" : "续报"}`,
    en: (p) =>
      `The fire is reported out (扑灭) but no earlier report is referenced, so the report stays ${p.value} rather than final`,
  },
  EIX_HOTSPOT_NOT_REPORTABLE: {
    severity: "warning",
    summary:
      "A hotspot list (FIRMS or bulletin) holds no hotspot confident enough to report as a candidate fire; no message is produced.",
    zh: (p) => `卫星热点数据中没有可上报的火情（${p.detail}）`,
    en: (p) => `The satellite hotspot list holds nothing reportable (${p.detail})`,
  },
  EIX_HOTSPOT_LOW_CONFIDENCE: {
    severity: "warning",
    summary:
      "Hotspots below the minConfidence option (or their land type's landTypeMinConfidence), and hotspots the ground found were no fire, are kept only as observations beside a candidate fire, never as one.",
    zh: (p) => `${p.value} 个热点置信度低于 ${p.limit}，仅作为观测记录保留（${p.detail}）`,
    en: (p) => `${p.value} hotspot(s) below confidence ${p.limit} are kept as observations only (${p.detail})`,
  },
  EIX_HOTSPOT_REGION_ASSUMED: {
    severity: "warning",
    summary:
      "The region of a candidate fire was not named by its hotspots; location.regionCode comes from the nearest county seat, the province in the record, or the sending unit (extensions.forestry.region says which).",
    zh: (p) =>
      `${p.value} 处疑似火情的热点未注明所在县，行政区划取${
        p.expected === "county-seat"
          ? `距火点中心最近的县级驻地${p.detail ? `（${p.detail}）` : ""}`
          : p.expected === "record-province"
            ? "热点记录所注省份"
            : `报送单位辖区${p.detail ? ` ${p.detail}` : ""}`
      }`,
    en: (p) =>
      `${p.value} candidate fire(s) name no county; location.regionCode is ${
        p.expected === "county-seat"
          ? `the county whose seat is nearest the centroid${p.detail ? ` (${p.detail})` : ""}`
          : p.expected === "record-province"
            ? "the province given in the hotspot records"
            : `the sending unit's region${p.detail ? ` ${p.detail}` : ""} (ctx.sender.regionCode)`
      }`,
  },
  EIX_HOTSPOT_ROW_SKIPPED: {
    severity: "warning",
    summary:
      'A malformed hotspot row (bad coordinate, time or cell count) is skipped and the rest of the payload is decoded; the badRows option "refuse" refuses the payload instead.',
    zh: (p) => `第 ${p.value} 行热点数据有误，已跳过${p.detail ? `：${p.detail}` : ""}`,
    en: (p) => `Hotspot row ${p.value} is malformed and was skipped${p.detail ? `: ${p.detail}` : ""}`,
  },
  EIX_HOTSPOT_PLACE_UNKNOWN: {
    severity: "warning",
    summary:
      "A province, city or county named in a hotspot bulletin is not a GB/T 2260 code or an unambiguous name in the region table; the region falls back as if it were not given.",
    zh: (p) => `热点通报中的地名 ${p.value} 不是行政区划代码或唯一的行政区划名称，未采用`,
    en: (p) =>
      `The place name(s) ${p.value} in the hotspot bulletin match no GB/T 2260 code or unique region name and were not used`,
  },
  EIX_UCRI2_PERSONAL_DATA_WITHHELD: {
    severity: "warning",
    summary:
      "Personal data of the UCRI2 incident (informers, accused and affected persons, the eCall VIN) is not copied into the canonical message; only counts are.",
    zh: (p) => `UCRI2 事件中的个人信息未写入规范消息（${p.detail}），只保留人数`,
    en: (p) => `Personal data in the UCRI2 incident is not copied into the canonical message (${p.detail}); only counts are kept`,
  },
  EIX_XML_DTD_FORBIDDEN: {
    severity: "error",
    summary: "The XML has a DOCTYPE or entity declaration; refused to prevent XXE and entity expansion.",
    zh: () => "XML 含有 DOCTYPE 或实体声明，为防止外部实体注入和实体膨胀攻击而拒绝",
    en: () => "The XML contains a DOCTYPE or entity declaration; refused to prevent external-entity and expansion attacks",
  },
  EIX_XML_MALFORMED: {
    severity: "error",
    summary: "The XML is not well-formed (e.g. truncated); the position says where.",
    zh: (p) => `XML 格式错误：${p.detail}`,
    en: (p) => `Malformed XML: ${p.detail}`,
  },
  EIX_XML_TOO_DEEP: {
    severity: "error",
    summary: "Elements nest deeper than the limit.",
    zh: (p) => `XML 元素嵌套层数超过上限 ${p.limit}`,
    en: (p) => `XML elements nest deeper than the limit of ${p.limit}`,
  },
  EIX_CHARSET_UNSUPPORTED: {
    severity: "error",
    summary: "The declared character set is not supported.",
    zh: (p) => `不支持的字符集 “${p.value}”`,
    en: (p) => `Unsupported character set "${p.value}"`,
  },
  EIX_CHARSET_INVALID: {
    severity: "error",
    summary: "The bytes are not valid in the declared or detected character set.",
    zh: (p) => `内容不是有效的 ${p.value} 编码${p.detail ? `（${p.detail}）` : ""}`,
    en: (p) => `The bytes are not valid ${p.value}${p.detail ? ` (${p.detail})` : ""}`,
  },
  EIX_CHARSET_GUESSED: {
    severity: "warning",
    summary: "No charset was declared; the detected one was used.",
    zh: (p) => `未声明字符集，按检测结果 ${p.value} 解码`,
    en: (p) => `No character set declared; decoded as detected ${p.value}`,
  },
  EIX_TIME_INVALID: {
    severity: "error",
    summary: "A time value cannot be read.",
    zh: (p) => `时间 “${p.value}” 无法识别`,
    en: (p) => `Cannot read the time "${p.value}"`,
  },
  EIX_TIME_LOCAL_ASSUMED: {
    severity: "warning",
    summary: "A time without offset was read as Beijing time (+08:00).",
    zh: (p) => `时间 “${p.value}” 未带时区，按北京时间（+08:00）处理`,
    en: (p) => `The time "${p.value}" has no offset; read as Beijing time (+08:00)`,
  },
  EIX_COORD_INVALID: {
    severity: "error",
    summary: "A coordinate is malformed or out of range.",
    zh: (p) => `坐标 “${p.value}” 无效：${p.detail}`,
    en: (p) => `Invalid coordinate "${p.value}": ${p.detail}`,
  },
} as const satisfies Record<string, AdapterErrorDefinition>;

export type AdapterErrorCode = keyof typeof adapterErrors;

export function adapterMessage(code: AdapterErrorCode, params: AdapterParams = {}): LocalizedText {
  const definition: AdapterErrorDefinition = adapterErrors[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

const brand = Symbol.for("eix.AdapterError");

/**
 * A coded failure of an adapter. Decoders return it (never throw it at the caller); the
 * registry and encoders throw it. Match on `code`, not on the class: the brand makes
 * `AdapterError.is` work across duplicate installs (undici's habit).
 */
export class AdapterError extends Error {
  readonly code: AdapterErrorCode;
  readonly messages: LocalizedText;
  readonly position: SourcePosition | undefined;
  readonly retryable = false;
  readonly [brand] = true;

  constructor(code: AdapterErrorCode, params: AdapterParams = {}, options: { position?: SourcePosition; cause?: unknown } = {}) {
    const messages = adapterMessage(code, params);
    super(messages.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AdapterError";
    this.code = code;
    this.messages = messages;
    this.position = options.position;
  }

  static is(value: unknown): value is AdapterError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
}
