// The value lists EIX names in EDXL keywords, roles and target areas. EDXL leaves value lists
// to communities of interest: each is a URN the receiving system looks up, so these are EIX's
// own, one per code table of the canonical model (README.md lists their values).

export const VALUE_LISTS = {
  /** GB/T 2260 region codes (6 digits, or 12-digit statistical codes): target areas. */
  region: "urn:eix:codes:gbt2260",
  /** GB/T 35561 event types (突发事件分类代码): keyword. */
  eventType: "urn:eix:codes:gbt35561",
  /** Incident severity I–IV or unknown (事件分级): keyword. */
  severity: "urn:eix:codes:severity",
  /** Warning colour red/orange/yellow/blue (预警级别): keyword. */
  warningLevel: "urn:eix:codes:warning-level",
  /** Directive grade command/guidance/reference (指令类别): keyword. */
  directiveGrade: "urn:eix:codes:directive-grade",
  /** Handling marking public/internal/restricted (公开属性): keyword; EDXL's own is only Unclassified/Classified. */
  handling: "urn:eix:codes:handling",
  /** Earlier distributions, "distributionID,senderID,dateTimeSent" as DE 1.0 wrote them: keyword. */
  reference: "urn:eix:codes:distribution-reference",
  /** The canonical kind of the content (incident, warning, directive, ack, checkin): content keyword. */
  kind: "urn:eix:codes:kind",
  /** The sending unit's department, tier, region and name: sender roles. */
  department: "urn:eix:codes:department",
  unitLevel: "urn:eix:codes:unit-level",
  unitRegion: "urn:eix:codes:unit-region",
  unitName: "urn:eix:codes:unit-name",
} as const;

/** The scheme of the JSON form's default explicit address: every unit responsible for a region. */
export const REGION_ADDRESS_SCHEME = "urn:eix:address:region";

/** DE 1.0 targetArea elements, kept as geo codes under these names so that DE 2.0 can carry them. */
export const DE10_AREA_LISTS: Readonly<Record<string, string>> = {
  circle: "urn:eix:edxl-de-1.0:circle",
  polygon: "urn:eix:edxl-de-1.0:polygon",
  country: "urn:eix:edxl-de-1.0:country",
  subdivision: "urn:eix:edxl-de-1.0:subdivision",
  locCodeUN: "urn:eix:edxl-de-1.0:locCodeUN",
};

/** The distribution kinds that carry canonical messages; the others (Request, Dispatch, Sensor…) have none. */
export const SUPPORTED_KINDS = ["Report", "Update", "Cancel", "Ack", "Error"] as const;
