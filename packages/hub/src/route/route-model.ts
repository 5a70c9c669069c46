// The shared contract of authorisation and routing: what the configuration gives (units,
// destinations, rules) and what routing answers. Other hub modules import these types from here.

/** A unit (单位) allowed to send to this hub, as the config gives it (tokens only as hashes). */
export interface HubUnit {
  readonly unitId: string; // as envelope sender.unitId
  readonly name: string;
  readonly department: string; // DESIGN.md §3 department enum
  readonly level: "national" | "provincial" | "municipal" | "county" | "township";
  readonly regionCode: string; // GB/T 2260 6-digit, its jurisdiction (管辖区域)
  readonly tokenSha256: readonly string[]; // hex SHA-256 of accepted bearer tokens (rotation: several)
  readonly adapter?: string; // default adapter id for its raw posts
  /** DecodeContext.options for its posts and dropped files, per adapter id. */
  readonly adapterOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly mayRelayFor?: readonly string[]; // lower-level hub units whose messages it may forward (unitIds); optional
  /** Its token also opens the operator routes (queries, dead letters, replay). */
  readonly operator?: boolean;
  /**
   * The destination that reaches this unit's own system: directives that target it and
   * acknowledgements of what it sent are delivered there (the downward and return path).
   */
  readonly inbox?: string;
}

/** A destination's policy, as routing needs it. */
export interface DestinationPolicy {
  readonly id: string;
  readonly acceptsStatus: readonly ("actual" | "exercise" | "test")[]; // default ["actual"]
  readonly clearance: "public" | "internal" | "restricted"; // default "internal"
}

/** One routing rule; every present matcher must match (AND); values inside one matcher are OR. */
export interface RouteRule {
  readonly name: string;
  readonly match: {
    readonly kind?: readonly string[];
    readonly eventTypePrefix?: readonly string[]; // "11B" matches "11B03"
    readonly severity?: readonly string[]; // incident severity I..IV/unknown, or warning level red/orange/yellow/blue
    readonly regionWithin?: readonly string[]; // GB/T 2260 hierarchy: "430000" matches any code within Hunan
    readonly senderDepartment?: readonly string[];
    readonly senderLevel?: readonly string[];
    readonly status?: readonly string[];
    readonly classification?: readonly string[];
  };
  readonly to: readonly string[]; // destination ids
}

export interface RouteDecision {
  readonly destinations: string[]; // deliveries to create
  readonly withheld: { destination: string; reason: string }[]; // matched but refused by policy (status / clearance) — recorded, not silently dropped
  readonly matchedRules: string[];
  /** Units the message is addressed to (a directive's targets, an ack's original sender), each reached through its inbox. */
  readonly addressedTo?: string[];
}

/** What a destination accepts when its configuration says nothing: live traffic only. */
export const DEFAULT_ACCEPTS_STATUS: DestinationPolicy["acceptsStatus"] = ["actual"];

/** The clearance a destination has when its configuration says nothing. */
export const DEFAULT_CLEARANCE: DestinationPolicy["clearance"] = "internal";
