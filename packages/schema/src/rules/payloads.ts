import { capSeverityByLevel } from "../codes/levels.js";
import type { WarningLevel } from "../generated/model.js";
import { asArray, asObject, type Emit, type SemanticRule } from "./rule.js";

export const feedbackDeadlineRule: SemanticRule = {
  name: "feedback-has-deadline",
  check(doc, emit) {
    if (doc.kind !== "directive") return;
    const feedback = asObject(asObject(asObject(doc.payload)?.requires)?.feedback);
    if (feedback && feedback.deadline === undefined) emit("EIX_SCHEMA_FEEDBACK_DEADLINE", "/payload/requires/feedback");
  },
};

export const ackRule: SemanticRule = {
  name: "ack-rejection-reason",
  check(doc, emit) {
    if (doc.kind !== "ack") return;
    const payload = asObject(doc.payload);
    if (payload?.type === "rejected" && !(typeof payload.note === "string" && payload.note.trim()))
      emit("EIX_SCHEMA_ACK_REJECT_REASON", "/payload/note");
  },
};

/** CAP and 12379 updates and cancellations name the message they update or cancel. */
export const warningReferenceRule: SemanticRule = {
  name: "warning-update-references",
  check(doc, emit) {
    if (doc.kind !== "warning") return;
    const msgType = asObject(doc.payload)?.msgType;
    if ((msgType === "update" || msgType === "cancel") && asArray(doc.references).length === 0)
      emit("EIX_SCHEMA_WARNING_REFERENCE_MISSING", "/references", { value: String(msgType) });
  },
};

export const checkInRule: SemanticRule = {
  name: "checkin-consistency",
  check(doc, emit) {
    if (doc.kind !== "checkin") return;
    const payload = asObject(doc.payload);
    if (payload?.status === "nothing-to-report" && asArray(payload.incidentIds).length > 0)
      emit("EIX_SCHEMA_CHECKIN_INCIDENTS", "/payload/incidentIds");
  },
};

export const warningSeverityRule: SemanticRule = {
  name: "warning-level-matches-cap",
  check(doc, emit) {
    if (doc.kind !== "warning") return;
    const payload = asObject(doc.payload);
    const level = payload?.level;
    const word = payload?.capSeverity;
    // Own properties only: a hostile `level` such as "constructor" must not hit Object.prototype.
    if (typeof word !== "string" || word === "Unknown" || typeof level !== "string" || !Object.hasOwn(capSeverityByLevel, level))
      return;
    const expected = capSeverityByLevel[level as WarningLevel];
    if (expected && expected !== word)
      emit("EIX_SCHEMA_WARNING_LEVEL_MISMATCH", "/payload/capSeverity", { value: word, limit: level, expected });
  },
};

function checkPolygons(polygons: unknown[], base: string, emit: Emit): void {
  polygons.forEach((polygon, i) => {
    const points = asArray(polygon);
    if (points.length < 4) return; // the schema reports too few points
    const first = asObject(points[0]);
    const last = asObject(points[points.length - 1]);
    if (first && last && (first.lat !== last.lat || first.lon !== last.lon))
      emit("EIX_SCHEMA_POLYGON_NOT_CLOSED", `${base}/${i}`);
  });
}

export const polygonRule: SemanticRule = {
  name: "polygon-closed",
  check(doc, emit) {
    const payload = asObject(doc.payload);
    if (doc.kind === "incident") {
      checkPolygons(asArray(asObject(asObject(payload?.location)?.area)?.polygons), "/payload/location/area/polygons", emit);
    } else if (doc.kind === "warning") {
      asArray(payload?.areas).forEach((area, i) => {
        checkPolygons(asArray(asObject(area)?.polygons), `/payload/areas/${i}/polygons`, emit);
      });
    }
  },
};

export const casualtyRule: SemanticRule = {
  name: "casualties-consistent",
  check(doc, emit) {
    if (doc.kind !== "incident") return;
    const casualties = asObject(asObject(doc.payload)?.casualties);
    const injured = casualties?.injured;
    const serious = casualties?.seriouslyInjured;
    if (typeof injured === "number" && typeof serious === "number" && serious > injured)
      emit("EIX_SCHEMA_CASUALTY_INCONSISTENT", "/payload/casualties/seriouslyInjured", {
        value: String(serious),
        limit: String(injured),
      });
  },
};
