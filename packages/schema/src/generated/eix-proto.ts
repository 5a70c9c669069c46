/* Generated from packages/schema/proto/eix.proto by scripts/gen-proto.mjs — do not edit; run `node scripts/gen-proto.mjs`. */

/** The text of eix.proto (package eix.v1), the protobuf form of the canonical model. */
export const EIX_PROTO_SOURCE: string = `// EIX — Emergency Information eXchange (应急信息交互枢纽): the protobuf form of the canonical model.
//
// This file mirrors packages/schema/schemas/*.json (JSON Schema 2020-12), which remain the source
// of truth: one message per object schema (same title), one field per JSON property, and the
// protobufjs camelCase form of every field name equals the JSON property name. JSON ⇄ protobuf is
// lossless for every valid document; the codec in packages/schema/src/proto/ does the mapping and
// packages/schema/test/proto.test.ts guards against drift between this file and the schemas.
// The one exception is the transport section at the end (Batch): it carries encoded envelopes
// between hubs, has no JSON form and no schema, and the drift guard leaves it out by name.
//
// Conventions (the codec relies on them):
// - Times stay RFC 3339 strings. The model requires the sender's original UTC offset
//   (2026-07-01T14:05:00+08:00); google.protobuf.Timestamp keeps only the instant and would lose it.
//   Dates (CheckIn.date) are YYYY-MM-DD strings for the same reason.
// - A scalar that is required in the JSON Schema is a plain field: proto3 treats it as always
//   present, so a writer that omits a zero value (lat 0, amount 0) still decodes to that value.
//   A scalar that is optional in the JSON Schema is a proto3 \`optional\` field, so absent and
//   ""/0/false stay distinct.
// - Enums carry an *_UNSPECIFIED zero value meaning "absent"; the other names are the JSON strings,
//   upper-cased, non-alphanumerics as "_", prefixed with the enum name (ack type "rejected" is
//   ACK_TYPE_REJECTED). The codec derives the mapping from the JSON Schema enum lists.
// - JSON integers are uint64 (the schemas set no upper bound); the codec converts them to and from
//   JavaScript numbers.
// - \`extensions\` objects (key → JSON object) are map<string, string> whose values are JSON text.
// - A polygon, a JSON array of points, is the message Polygon { repeated Point points }.
// - protobuf cannot tell an empty repeated or map field from an absent one; Envelope.empty_collections
//   lists the JSON pointers of optional arrays and extensions objects that are present but empty.
// - Strings are UTF-8, so a JSON string holding a lone UTF-16 surrogate (the escape "\\ud800") has
//   no protobuf form; the encoder refuses it rather than alter it.
syntax = "proto3";

package eix.v1;

// ---------------------------------------------------------------------------------------------
// Envelope (schemas/envelope.json)

// Every EIX message: who sent what, when, how it may be handled, and one payload (消息信封).
message Envelope {
  string id = 1;
  // Always "eix/1".
  string schema = 2;
  Kind kind = 3;
  string sent_at = 4;
  Unit sender = 5;
  Status status = 6;
  Classification classification = 7;
  repeated Reference references = 8;
  repeated ProvenanceHop provenance = 9;
  // Numbers 10–14 are left for common fields of later minor versions.

  // Not a JSON property: RFC 6901 pointers into the JSON document (e.g. "/payload/attachments") of
  // optional arrays and \`extensions\` objects that are present but empty. Readers that do not
  // re-create JSON may ignore it.
  repeated string empty_collections = 15;

  // The JSON \`payload\`, chosen by \`kind\` (envelope.json's if/then). Its fields have the highest
  // numbers so that they are written last: a truncated message never decodes as a shorter one.
  oneof payload {
    IncidentReport incident = 16;
    Warning warning = 17;
    Directive directive = 18;
    Ack ack = 19;
    CheckIn check_in = 20;
  }
}

// An earlier message this one updates, corrects or cancels (引用的前序消息).
message Reference {
  string id = 1;
  optional string unit_id = 2;
  optional string sent_at = 3;
  ReferenceRelation relation = 4;
}

enum ReferenceRelation {
  REFERENCE_RELATION_UNSPECIFIED = 0;
  REFERENCE_RELATION_UPDATES = 1;
  REFERENCE_RELATION_CORRECTS = 2;
  REFERENCE_RELATION_CANCELS = 3;
}

// One hub the message passed through (流转记录).
message ProvenanceHop {
  string hub_id = 1;
  string received_at = 2;
  AdapterRef adapter = 3;
  optional string source_format = 4;
  optional string charset = 5;
  optional string raw_sha256 = 6;
}

// Adapter that decoded the source bytes (解码适配器).
message AdapterRef {
  string id = 1;
  string version = 2;
}

// ---------------------------------------------------------------------------------------------
// Code lists (schemas/defs/codes.json)

// Which payload the envelope carries (消息类别).
enum Kind {
  KIND_UNSPECIFIED = 0;
  KIND_INCIDENT = 1;
  KIND_WARNING = 2;
  KIND_DIRECTIVE = 3;
  KIND_ACK = 4;
  KIND_CHECKIN = 5;
}

// Incident severity (事件分级: 特别重大/重大/较大/一般).
enum Severity {
  SEVERITY_UNSPECIFIED = 0;
  SEVERITY_I = 1;
  SEVERITY_II = 2;
  SEVERITY_III = 3;
  SEVERITY_IV = 4;
  SEVERITY_UNKNOWN = 5;
}

// Warning colour level (预警级别: 红色/橙色/黄色/蓝色).
enum WarningLevel {
  WARNING_LEVEL_UNSPECIFIED = 0;
  WARNING_LEVEL_RED = 1;
  WARNING_LEVEL_ORANGE = 2;
  WARNING_LEVEL_YELLOW = 3;
  WARNING_LEVEL_BLUE = 4;
}

// Government department a unit belongs to (部门).
enum Department {
  DEPARTMENT_UNSPECIFIED = 0;
  DEPARTMENT_EMERGENCY_OFFICE = 1;
  DEPARTMENT_PUBLIC_SECURITY = 2;
  DEPARTMENT_FIRE = 3;
  DEPARTMENT_HEALTH = 4;
  DEPARTMENT_FORESTRY = 5;
  DEPARTMENT_WEATHER = 6;
  DEPARTMENT_NATURAL_RESOURCES = 7;
  DEPARTMENT_WORK_SAFETY = 8;
  DEPARTMENT_ENVIRONMENT = 9;
  DEPARTMENT_TRANSPORT = 10;
  DEPARTMENT_WATER = 11;
  DEPARTMENT_OTHER = 12;
}

// Administrative tier of a unit (层级: 国家/省/市/县/乡镇).
enum UnitLevel {
  UNIT_LEVEL_UNSPECIFIED = 0;
  UNIT_LEVEL_NATIONAL = 1;
  UNIT_LEVEL_PROVINCIAL = 2;
  UNIT_LEVEL_MUNICIPAL = 3;
  UNIT_LEVEL_COUNTY = 4;
  UNIT_LEVEL_TOWNSHIP = 5;
}

// Whether the message is real, an exercise or a test (状态: 实际/演练/测试).
enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTUAL = 1;
  STATUS_EXERCISE = 2;
  STATUS_TEST = 3;
}

// Handling marking of non-classified information (公开/内部/限制).
enum Classification {
  CLASSIFICATION_UNSPECIFIED = 0;
  CLASSIFICATION_PUBLIC = 1;
  CLASSIFICATION_INTERNAL = 2;
  CLASSIFICATION_RESTRICTED = 3;
}

// ---------------------------------------------------------------------------------------------
// Units and people (schemas/defs/party.json)

// A unit that sends or receives messages (单位).
message Unit {
  string unit_id = 1;
  string name = 2;
  Department department = 3;
  UnitLevel level = 4;
  string region_code = 5;
}

// A contact person (联系人).
message Person {
  string name = 1;
  optional string role = 2;
  optional string phone = 3;
  optional string unit_id = 4;
}

// ---------------------------------------------------------------------------------------------
// Places and areas (schemas/defs/location.json)

// A point in WGS-84/CGCS2000 degrees (坐标点).
message Point {
  double lat = 1;
  double lon = 2;
}

// A closed ring of at least four points, the first equal to the last (多边形). In JSON the
// polygon is the array of points itself.
message Polygon {
  repeated Point points = 1;
}

// A circle given by its centre and radius (圆形区域).
message Circle {
  Point center = 1;
  double radius_km = 2;
}

// An affected or target area (影响区域).
message Area {
  optional string description = 1;
  repeated string region_codes = 2;
  repeated Polygon polygons = 3;
  repeated Circle circles = 4;
}

// Where an incident happened (事发地点).
message Location {
  string region_code = 1;
  optional string address = 2;
  Point point = 3;
  Area area = 4;
}

// ---------------------------------------------------------------------------------------------
// Shared objects (schemas/defs/casualties.json, attachment.json)

// Counts of people affected, as known at the time of the report (人员伤亡情况).
message Casualties {
  optional uint64 deaths = 1;
  optional uint64 injured = 2;
  optional uint64 seriously_injured = 3;
  optional uint64 missing = 4;
  optional uint64 trapped = 5;
  optional uint64 evacuated = 6;
  optional uint64 affected = 7;
  optional uint64 sick = 8;
}

// A file that belongs to a message, referenced by its digest rather than copied (附件).
message Attachment {
  string name = 1;
  string media_type = 2;
  optional string uri = 3;
  optional uint64 size = 4;
  optional string sha256 = 5;
}

// ---------------------------------------------------------------------------------------------
// Incident report (schemas/incident.json)

// An emergency-incident report, one link of the initial/update/final chain (突发事件信息报告).
message IncidentReport {
  string incident_id = 1;
  IncidentStage stage = 2;
  uint64 sequence = 3;
  string title = 4;
  string event_type = 5;
  Severity severity = 6;
  string occurred_at = 7;
  optional string discovered_at = 8;
  Location location = 9;
  InformationSource source = 10;
  optional string nature = 11;
  optional string cause = 12;
  optional string description = 13;
  Casualties casualties = 14;
  EconomicLoss economic_loss = 15;
  optional string impact = 16;
  optional string measures = 17;
  optional string trend = 18;
  repeated Person contacts = 19;
  repeated Attachment attachments = 20;
  // Department-specific fields: key → JSON object text.
  map<string, string> extensions = 21;
}

// Place in the report chain (报告阶段: 初报/续报/终报).
enum IncidentStage {
  INCIDENT_STAGE_UNSPECIFIED = 0;
  INCIDENT_STAGE_INITIAL = 1;
  INCIDENT_STAGE_UPDATE = 2;
  INCIDENT_STAGE_FINAL = 3;
}

// Channel the information came through (信息来源).
message InformationSource {
  SourceChannel channel = 1;
  optional string detail = 2;
}

// Hotline number, field report, sensor, satellite, media or upward report (来源渠道).
enum SourceChannel {
  SOURCE_CHANNEL_UNSPECIFIED = 0;
  SOURCE_CHANNEL_110 = 1;
  SOURCE_CHANNEL_119 = 2;
  SOURCE_CHANNEL_120 = 3;
  SOURCE_CHANNEL_122 = 4;
  SOURCE_CHANNEL_12345 = 5;
  SOURCE_CHANNEL_FIELD = 6;
  SOURCE_CHANNEL_SENSOR = 7;
  SOURCE_CHANNEL_SATELLITE = 8;
  SOURCE_CHANNEL_MEDIA = 9;
  SOURCE_CHANNEL_REPORT = 10;
  SOURCE_CHANNEL_OTHER = 11;
}

// Direct economic loss (直接经济损失).
message EconomicLoss {
  double amount = 1;
  optional bool estimated = 2;
  optional string note = 3;
}

// ---------------------------------------------------------------------------------------------
// Warning (schemas/warning.json)

// An early-warning message aligned with CAP 1.2 (预警信息).
message Warning {
  string warning_id = 1;
  WarningMsgType msg_type = 2;
  optional string event_type = 3;
  optional string event_name = 4;
  WarningLevel level = 5;
  Urgency urgency = 6;
  Certainty certainty = 7;
  CapSeverity cap_severity = 8;
  optional string onset = 9;
  optional string effective = 10;
  optional string expires = 11;
  optional string headline = 12;
  optional string description = 13;
  optional string instruction = 14;
  optional string language = 15;
  repeated WarningTranslation translations = 16;
  repeated Area areas = 17;
  repeated Attachment attachments = 18;
  // Source-format fields: key → JSON object text.
  map<string, string> extensions = 19;
}

// Issue, update or cancel the warning (消息类型: 发布/更新/解除).
enum WarningMsgType {
  WARNING_MSG_TYPE_UNSPECIFIED = 0;
  WARNING_MSG_TYPE_ALERT = 1;
  WARNING_MSG_TYPE_UPDATE = 2;
  WARNING_MSG_TYPE_CANCEL = 3;
}

// CAP urgency (紧迫程度).
enum Urgency {
  URGENCY_UNSPECIFIED = 0;
  URGENCY_IMMEDIATE = 1;
  URGENCY_EXPECTED = 2;
  URGENCY_FUTURE = 3;
  URGENCY_PAST = 4;
  URGENCY_UNKNOWN = 5;
}

// CAP certainty (确定程度).
enum Certainty {
  CERTAINTY_UNSPECIFIED = 0;
  CERTAINTY_OBSERVED = 1;
  CERTAINTY_LIKELY = 2;
  CERTAINTY_POSSIBLE = 3;
  CERTAINTY_UNLIKELY = 4;
  CERTAINTY_UNKNOWN = 5;
}

// CAP severity word, kept apart from incident severity (CAP 严重程度).
enum CapSeverity {
  CAP_SEVERITY_UNSPECIFIED = 0;
  CAP_SEVERITY_EXTREME = 1;
  CAP_SEVERITY_SEVERE = 2;
  CAP_SEVERITY_MODERATE = 3;
  CAP_SEVERITY_MINOR = 4;
  CAP_SEVERITY_UNKNOWN = 5;
}

// Texts in one more language (译文).
message WarningTranslation {
  string language = 1;
  optional string event_name = 2;
  optional string headline = 3;
  optional string description = 4;
  optional string instruction = 5;
}

// ---------------------------------------------------------------------------------------------
// Directive (schemas/directive.json)

// A directive or notice sent down the hierarchy (指令/通知).
message Directive {
  DirectiveGrade grade = 1;
  string title = 2;
  string body = 3;
  DirectiveRequirements requires = 4;
  optional string related_incident_id = 5;
  repeated DirectiveTarget targets = 6;
  Person issuer = 7;
  repeated Attachment attachments = 8;
  // Source-format fields: key → JSON object text.
  map<string, string> extensions = 9;
}

// Binding force (指令类别: 指令性/指导性/参考性).
enum DirectiveGrade {
  DIRECTIVE_GRADE_UNSPECIFIED = 0;
  DIRECTIVE_GRADE_COMMAND = 1;
  DIRECTIVE_GRADE_GUIDANCE = 2;
  DIRECTIVE_GRADE_REFERENCE = 3;
}

// What each receiving unit must do: read, act, report back (办理要求: 必读/必办/必报).
message DirectiveRequirements {
  Obligation read = 1;
  Obligation act = 2;
  Obligation feedback = 3;
}

// Something the receiving unit must do, with its deadline (办理要求).
message Obligation {
  optional string deadline = 1;
}

// Units the directive is for, by id or by region, department and tier (接收对象).
message DirectiveTarget {
  optional string unit_id = 1;
  optional string region_code = 2;
  Department department = 3;
  UnitLevel level = 4;
}

// ---------------------------------------------------------------------------------------------
// Acknowledgement (schemas/ack.json)

// Acknowledgement of a message, usually a directive (回执).
message Ack {
  string of = 1;
  optional string of_unit_id = 2;
  AckType type = 3;
  Person by = 4;
  string at = 5;
  optional string note = 6;
  // Source-format fields: key → JSON object text.
  map<string, string> extensions = 7;
}

// Received, read, done or rejected (回执类型: 已收到/已阅/已办结/拒收).
enum AckType {
  ACK_TYPE_UNSPECIFIED = 0;
  ACK_TYPE_RECEIVED = 1;
  ACK_TYPE_READ = 2;
  ACK_TYPE_DONE = 3;
  ACK_TYPE_REJECTED = 4;
}

// ---------------------------------------------------------------------------------------------
// Duty check-in (schemas/checkin.json)

// Daily duty check-in: report incidents or report that all is well (值班报平安).
message CheckIn {
  string date = 1;
  CheckInStatus status = 2;
  Person duty_officer = 3;
  Person leader_on_duty = 4;
  repeated string incident_ids = 5;
  optional string note = 6;
  // Source-format fields: key → JSON object text.
  map<string, string> extensions = 7;
}

// Nothing to report, or incidents were reported (报告状态: 无事报平安/有事报事).
enum CheckInStatus {
  CHECK_IN_STATUS_UNSPECIFIED = 0;
  CHECK_IN_STATUS_NOTHING_TO_REPORT = 1;
  CHECK_IN_STATUS_REPORTED = 2;
}

// ---------------------------------------------------------------------------------------------
// Transport (no JSON Schema counterpart: hub-to-hub plumbing, not part of the model)

// Envelopes sent in bulk from one hub to another, e.g. to catch up after a link outage (批量同步).
//
// A Batch never travels bare: protobuf cannot tell a truncated message from a shorter one, so it
// is wrapped in the EIX batch frame, whose length prefix catches truncation and trailing bytes
// before any protobuf parsing (packages/adapters/src/national/batch/README.md):
//
//   offset 0  4 bytes  magic "EIXB" (45 49 58 42)
//   offset 4  1 byte   frame version, 1
//   offset 5  4 bytes  N, length of the Batch bytes, unsigned big-endian
//   offset 9  N bytes  this message; nothing may follow
//
// \`envelopes\` has the highest field number, so writers that emit fields in number order (as
// protobufjs and protoc do) put the small header fields first.
message Batch {
  // Chosen by the sender (a UUID by default); a resend of the same batch keeps it.
  string batch_id = 1;
  // The sending hub, as it names itself in ProvenanceHop.hub_id.
  string hub_id = 2;
  // When the sender built the batch: RFC 3339 with an explicit offset, as every model time.
  string created_at = 3;
  // Number of entries in \`envelopes\`; a reader refuses a batch where the two disagree.
  uint32 count = 4;
  // SHA-256 (the 32 raw bytes) over the envelopes, exactly:
  //   for each entry of \`envelopes\`, in order: its length in bytes as a 4-byte unsigned
  //   big-endian integer, then its bytes
  // where "its bytes" are the encoded eix.v1.Envelope as carried in the field (the value of the
  // length-delimited field, without the field's tag and varint length). The length prefixes
  // make the hashed sequence unambiguous (envelopes AB + C and A + BC hash differently). An
  // empty batch has the digest of no bytes, e3b0c442…b855. The header fields above are not
  // covered: the same envelopes resent in a new batch keep their digest.
  bytes digest = 5;
  // Numbers 6–15 are left for header fields of later versions.

  // The envelopes, in the order the sender wants them applied (oldest first).
  repeated Envelope envelopes = 16;
}
`;
