/* Generated from packages/schema/schemas by scripts/gen-types.mjs — do not edit; run `pnpm gen`. */

/**
 * Which payload the envelope carries (消息类别).
 */
export type Kind = "incident" | "warning" | "directive" | "ack" | "checkin";
/**
 * Government department a unit belongs to (部门).
 */
export type Department =
  | "emergency-office"
  | "public-security"
  | "fire"
  | "health"
  | "forestry"
  | "weather"
  | "natural-resources"
  | "work-safety"
  | "environment"
  | "transport"
  | "water"
  | "other";
/**
 * Administrative tier of a unit (层级: 国家/省/市/县/乡镇).
 */
export type UnitLevel = "national" | "provincial" | "municipal" | "county" | "township";
/**
 * Whether the message is real, an exercise or a test (状态: 实际/演练/测试).
 */
export type Status = "actual" | "exercise" | "test";
/**
 * Handling marking of non-classified information (公开/内部/限制); classified (涉密) traffic is refused.
 */
export type Classification = "public" | "internal" | "restricted";
/**
 * Incident severity: I extraordinarily serious, II serious, III relatively serious, IV ordinary (事件分级: 特别重大/重大/较大/一般).
 */
export type Severity = "I" | "II" | "III" | "IV" | "unknown";
/**
 * A closed ring of at least four points, the first equal to the last (多边形).
 *
 * @minItems 4
 */
export type Polygon = Point[];
/**
 * Warning colour level red/orange/yellow/blue (预警级别: 红色/橙色/黄色/蓝色).
 */
export type WarningLevel = "red" | "orange" | "yellow" | "blue";

export interface EixModel {
  envelope?: EnvelopeCommon;
  incident?: IncidentReport;
  warning?: Warning;
  directive?: Directive;
  ack?: Ack;
  checkin?: CheckIn;
}
/**
 * Every EIX message: who sent what, when, how it may be handled, and one payload (消息信封).
 */
export interface EnvelopeCommon {
  /**
   * Message id; (sender.unitId, id) is the idempotency key (消息标识).
   */
  id: string;
  /**
   * Model version, always eix/1 (模型版本).
   */
  schema: "eix/1";
  kind: Kind;
  /**
   * When the sender sent the message (发送时间).
   */
  sentAt: string;
  sender: Unit;
  status: Status;
  classification: Classification;
  /**
   * Earlier messages this one relates to (引用消息).
   *
   * @maxItems 100
   */
  references?: Reference[];
  /**
   * Hubs the message passed through, oldest first (流转路径).
   *
   * @maxItems 32
   */
  provenance?: ProvenanceHop[];
  /**
   * The report, warning, directive, acknowledgement or check-in (消息内容).
   */
  payload: {};
}
/**
 * A unit that sends or receives messages (单位).
 */
export interface Unit {
  /**
   * Unit identifier, the idempotency scope of message ids (单位标识).
   */
  unitId: string;
  /**
   * Unit name (单位名称).
   */
  name: string;
  department: Department;
  level: UnitLevel;
  /**
   * Region the unit is responsible for (辖区行政区划代码).
   */
  regionCode: string;
}
/**
 * An earlier message this one updates, corrects or cancels (引用的前序消息).
 */
export interface Reference {
  /**
   * Id of the earlier message (前序消息标识).
   */
  id: string;
  /**
   * Sender of the earlier message, if not this sender (前序消息发送单位).
   */
  unitId?: string;
  /**
   * When the earlier message was sent (前序消息发送时间).
   */
  sentAt?: string;
  /**
   * How this message relates to it: update, correction or cancellation (引用关系: 续报/更正/撤销).
   */
  relation?: "updates" | "corrects" | "cancels";
}
/**
 * One hub the message passed through (流转记录).
 */
export interface ProvenanceHop {
  /**
   * Hub that received the message (枢纽标识).
   */
  hubId: string;
  /**
   * When the hub received it (接收时间).
   */
  receivedAt: string;
  adapter?: AdapterRef;
  /**
   * Format of the source bytes, e.g. CAP 1.2 (源格式).
   */
  sourceFormat?: string;
  /**
   * Character set the source bytes were decoded from (源字符集).
   */
  charset?: string;
  /**
   * SHA-256 of the source bytes (原始报文摘要).
   */
  rawSha256?: string;
}
/**
 * Adapter that decoded the source bytes (解码适配器).
 */
export interface AdapterRef {
  /**
   * Adapter id such as weather.cap (适配器标识).
   */
  id: string;
  /**
   * Adapter version (适配器版本).
   */
  version: string;
}
/**
 * An emergency-incident report, one link of the initial/update/final chain (突发事件信息报告).
 */
export interface IncidentReport {
  /**
   * Incident identifier, stable across the whole report chain (事件编号).
   */
  incidentId: string;
  /**
   * Place in the report chain: initial, update or final report (报告阶段: 初报/续报/终报).
   */
  stage: "initial" | "update" | "final";
  /**
   * Position in the report chain, 1 for the initial report (报告序号).
   */
  sequence: number;
  /**
   * Short title of the report (标题).
   */
  title: string;
  /**
   * Event type code (事件类型).
   */
  eventType: string;
  severity: Severity;
  /**
   * When the incident happened (事发时间).
   */
  occurredAt: string;
  /**
   * When the incident became known (发现/接报时间).
   */
  discoveredAt?: string;
  location: Location;
  source?: InformationSource;
  /**
   * Nature of the incident (事件性质).
   */
  nature?: string;
  /**
   * Cause, confirmed or presumed (事件原因).
   */
  cause?: string;
  /**
   * Course of events (基本经过).
   */
  description?: string;
  casualties?: Casualties;
  economicLoss?: EconomicLoss;
  /**
   * Scope of impact (影响范围).
   */
  impact?: string;
  /**
   * Measures taken and their effect (已采取的措施及效果).
   */
  measures?: string;
  /**
   * Expected development and recommended response (发展趋势及建议).
   */
  trend?: string;
  /**
   * On-site and reporting contacts (现场及报告联系人).
   *
   * @maxItems 50
   */
  contacts?: Person[];
  /**
   * Photos, documents and other files (附件).
   *
   * @maxItems 200
   */
  attachments?: Attachment[];
  extensions?: Extensions;
}
/**
 * Where an incident happened (事发地点).
 */
export interface Location {
  /**
   * Administrative division of the place (事发地行政区划).
   */
  regionCode: string;
  /**
   * Address in words (详细地址).
   */
  address?: string;
  point?: Point;
  area?: Area;
}
/**
 * A point in WGS-84/CGCS2000 degrees (坐标点).
 */
export interface Point {
  /**
   * Latitude in degrees (纬度).
   */
  lat: number;
  /**
   * Longitude in degrees (经度).
   */
  lon: number;
}
/**
 * An affected or target area (影响区域).
 */
export interface Area {
  /**
   * Area described in words (区域描述).
   */
  description?: string;
  /**
   * Administrative divisions covered (涉及行政区划).
   */
  regionCodes?: string[];
  /**
   * Polygons covered (多边形范围).
   */
  polygons?: Polygon[];
  /**
   * Circles covered (圆形范围).
   */
  circles?: Circle[];
}
/**
 * A circle given by its centre and radius (圆形区域).
 */
export interface Circle {
  center: Point;
  /**
   * Radius in kilometres (半径, 公里).
   */
  radiusKm: number;
}
/**
 * Channel the information came through (信息来源).
 */
export interface InformationSource {
  /**
   * Channel: hotline number, field report, sensor, satellite, media or upward report (来源渠道).
   */
  channel:
    "110" | "119" | "120" | "122" | "12345" | "field" | "sensor" | "satellite" | "media" | "report" | "other";
  /**
   * Details such as the dispatch record number (来源说明).
   */
  detail?: string;
}
/**
 * Counts of people affected, as known at the time of the report (人员伤亡情况).
 */
export interface Casualties {
  /**
   * People dead (死亡人数).
   */
  deaths?: number;
  /**
   * People injured (受伤人数).
   */
  injured?: number;
  /**
   * Of the injured, seriously injured (重伤人数).
   */
  seriouslyInjured?: number;
  /**
   * People missing (失踪人数).
   */
  missing?: number;
  /**
   * People trapped (被困人数).
   */
  trapped?: number;
  /**
   * People evacuated or relocated (转移安置人数).
   */
  evacuated?: number;
  /**
   * People affected (受灾人数).
   */
  affected?: number;
  /**
   * Cases of illness, for public-health events (发病人数).
   */
  sick?: number;
}
/**
 * Direct economic loss (直接经济损失).
 */
export interface EconomicLoss {
  /**
   * Amount in yuan (金额).
   */
  amount: number;
  /**
   * Whether the amount is an estimate (是否估算).
   */
  estimated?: boolean;
  /**
   * What the amount covers (说明).
   */
  note?: string;
}
/**
 * A contact person (联系人).
 */
export interface Person {
  /**
   * Name (姓名).
   */
  name: string;
  /**
   * Position or role (职务).
   */
  role?: string;
  /**
   * Telephone number (联系电话).
   */
  phone?: string;
  /**
   * Unit the person belongs to (所属单位).
   */
  unitId?: string;
}
/**
 * A file that belongs to a message, referenced by its digest rather than copied (附件).
 */
export interface Attachment {
  /**
   * File name or caption (附件名称).
   */
  name: string;
  /**
   * MIME media type (媒体类型).
   */
  mediaType: string;
  /**
   * Where the content can be fetched (获取地址).
   */
  uri?: string;
  /**
   * Size in bytes (字节数).
   */
  size?: number;
  /**
   * SHA-256 digest of the content, lowercase hex (内容摘要).
   */
  sha256?: string;
}
/**
 * Fields only one department or source format has, keyed by department or adapter family, kept so that re-encoding loses nothing (扩展字段).
 */
export interface Extensions {
  [k: string]: {} | undefined;
}
/**
 * An early-warning message aligned with CAP 1.2 (预警信息). An alert or update carries the hazard, its effective time and headline; a cancellation may carry only what it cancels.
 */
export interface Warning {
  /**
   * Identifier of the warning, stable across its updates and cancellation (预警编号).
   */
  warningId: string;
  /**
   * Issue, update or cancel the warning (消息类型: 发布/更新/解除).
   */
  msgType: "alert" | "update" | "cancel";
  /**
   * Event type code of the hazard (预警事件类型).
   */
  eventType?: string;
  /**
   * Hazard name as published, e.g. 大风 (预警事件名称).
   */
  eventName?: string;
  level?: WarningLevel;
  /**
   * CAP urgency (紧迫程度).
   */
  urgency?: "Immediate" | "Expected" | "Future" | "Past" | "Unknown";
  /**
   * CAP certainty (确定程度).
   */
  certainty?: "Observed" | "Likely" | "Possible" | "Unlikely" | "Unknown";
  /**
   * CAP severity word, kept apart from incident severity (CAP 严重程度).
   */
  capSeverity?: "Extreme" | "Severe" | "Moderate" | "Minor" | "Unknown";
  /**
   * When the hazard is expected to begin (预计开始时间).
   */
  onset?: string;
  /**
   * When the warning takes effect (生效时间).
   */
  effective?: string;
  /**
   * When the warning expires (失效时间).
   */
  expires?: string;
  /**
   * Headline (标题).
   */
  headline?: string;
  /**
   * Description of the hazard (预警内容).
   */
  description?: string;
  /**
   * Recommended actions (防御指南).
   */
  instruction?: string;
  /**
   * Language of the headline and texts, zh-CN by default (语言).
   */
  language?: string;
  /**
   * The same texts in other languages (其他语种文本).
   *
   * @maxItems 20
   */
  translations?: WarningTranslation[];
  /**
   * Areas the warning covers (预警区域).
   *
   * @maxItems 500
   */
  areas?: Area[];
  /**
   * Maps, images and other resources (附件).
   *
   * @maxItems 200
   */
  attachments?: Attachment[];
  extensions?: Extensions;
}
/**
 * Texts in one more language (译文).
 */
export interface WarningTranslation {
  /**
   * Language of this translation (语言).
   */
  language: string;
  /**
   * Hazard name (预警事件名称).
   */
  eventName?: string;
  /**
   * Headline (标题).
   */
  headline?: string;
  /**
   * Description (预警内容).
   */
  description?: string;
  /**
   * Recommended actions (防御指南).
   */
  instruction?: string;
}
/**
 * A directive or notice sent down the hierarchy (指令/通知).
 */
export interface Directive {
  /**
   * Binding force: command, guidance or reference (指令类别: 指令性/指导性/参考性).
   */
  grade: "command" | "guidance" | "reference";
  /**
   * Title (标题).
   */
  title: string;
  /**
   * Text of the directive (正文).
   */
  body: string;
  requires?: DirectiveRequirements;
  /**
   * Incident the directive is about (关联事件编号).
   */
  relatedIncidentId?: string;
  /**
   * Who the directive is for (接收对象).
   *
   * @minItems 1
   * @maxItems 1000
   */
  targets: DirectiveTarget[];
  issuer?: Person;
  /**
   * Attached documents (附件).
   *
   * @maxItems 200
   */
  attachments?: Attachment[];
  extensions?: Extensions;
}
/**
 * What each receiving unit must do: read, act, report back (办理要求: 必读/必办/必报).
 */
export interface DirectiveRequirements {
  read?: Obligation;
  act?: Obligation;
  feedback?: Obligation;
}
/**
 * Something the receiving unit must do, with its deadline (办理要求).
 */
export interface Obligation {
  /**
   * Latest time to comply (办理时限).
   */
  deadline?: string;
}
/**
 * Units the directive is for, by id or by region, department and tier (接收对象).
 */
export interface DirectiveTarget {
  /**
   * A single unit (单位).
   */
  unitId?: string;
  /**
   * GB/T 2260 6-digit administrative division code, or 12-digit statistical code with township and village (行政区划代码).
   */
  regionCode?: string;
  department?: Department;
  level?: UnitLevel;
}
/**
 * Acknowledgement of a message, usually a directive (回执).
 */
export interface Ack {
  /**
   * Id of the acknowledged message (被回执消息标识).
   */
  of: string;
  /**
   * Unit that sent the acknowledged message (原消息发送单位).
   */
  ofUnitId?: string;
  /**
   * Received, read, done or rejected (回执类型: 已收到/已阅/已办结/拒收).
   */
  type: "received" | "read" | "done" | "rejected";
  by: Person;
  /**
   * When it was acknowledged (回执时间).
   */
  at: string;
  /**
   * Remarks, or the reason for rejection (说明).
   */
  note?: string;
  extensions?: Extensions;
}
/**
 * Daily duty check-in: report incidents or report that all is well (值班报平安).
 */
export interface CheckIn {
  /**
   * Duty day the check-in is for (值班日期).
   */
  date: string;
  /**
   * Nothing to report, or incidents were reported (报告状态: 无事报平安/有事报事).
   */
  status: "nothing-to-report" | "reported";
  dutyOfficer: Person;
  leaderOnDuty?: Person;
  /**
   * Incidents reported during the day (当日报告事件).
   *
   * @maxItems 1000
   */
  incidentIds?: string[];
  /**
   * Remarks (备注).
   */
  note?: string;
  extensions?: Extensions;
}
