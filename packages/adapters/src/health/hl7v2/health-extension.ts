import type { DiseaseClass } from "../notifiable-diseases.js";

/** How sure the diagnosis is (病例分类: 疑似 / 临床诊断 / 确诊). */
export type CaseClassification = "suspected" | "clinical" | "confirmed" | "unknown";

/**
 * What `extensions.health` holds for an incident decoded from HL7 v2: the disease as reported,
 * the hospital's case reference, and the HL7 segments without personal data, so the message
 * can be encoded back. Patient identity (PID names, ids, addresses, next of kin, insurance)
 * is never kept: counts and references only.
 */
export interface HealthHl7Extension {
  readonly disease: {
    readonly icd10: string;
    readonly text?: string;
    readonly class: DiseaseClass;
    readonly managedAsClassA: boolean;
    /** Network direct-report deadline after diagnosis, in hours (网络直报时限). */
    readonly reportWithinHours: number;
    readonly caseClassification: CaseClassification;
  };
  /** The hospital's own reference for the case: `facility/visit or order number`. */
  readonly caseReference: string;
  readonly hl7: {
    readonly version: string;
    /** MSH-9 as sent, e.g. "ORU^R01^ORU_R01". */
    readonly messageType: string;
    readonly controlId: string;
    /**
     * Every segment but the personal-data ones (reported by an EIX_HL7_PERSONAL_DATA_WITHHELD
     * issue), as HL7 text with the message's own delimiters, MSH first.
     */
    readonly segments: readonly string[];
    /** The patient-address region code (PID-11.9), the only part of PID that is kept. */
    readonly patientRegion?: string;
    /** PID-30: the patient has died. */
    readonly patientDied?: boolean;
  };
}

/** How a registered casualty is counted: injured (受伤), seriously injured (重伤, also injured), dead (死亡). */
export type CasualtyCategory = "injured" | "seriouslyInjured" | "dead";

/**
 * What `extensions.health.registration` holds for a casualty registration (伤员登记) of a
 * mass-casualty incident: which incident, which patient case (the hospital's reference, not an
 * identity), and how the patient is counted. `provisional` until a hub has folded it into the
 * incident's report chain (sequence, totals, the incident's own event type and place).
 */
export interface CasualtyRegistration {
  /** The incident the hospital was told the patient belongs to (ZEI-1, or the configured field). */
  readonly reference: string;
  /** `facility/visit number`: counts each patient once, however often the registration is updated. */
  readonly caseReference: string;
  readonly category: CasualtyCategory;
  readonly facility: string;
  /** e.g. "ADT^A04" */
  readonly messageType: string;
  readonly provisional: boolean;
}
