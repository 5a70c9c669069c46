import { asArray, asObject, asString, type SemanticRule } from "./rule.js";

/** 初报/续报/终报: the initial report opens the chain, later ones point back into it. */
export const reportChainRule: SemanticRule = {
  name: "report-chain",
  check(doc, emit) {
    if (doc.kind !== "incident") return;
    const payload = asObject(doc.payload);
    const stage = asString(payload?.stage);
    const sequence = payload?.sequence;
    const references = asArray(doc.references);
    if (typeof sequence === "number" && Number.isInteger(sequence) && stage) {
      if ((stage === "initial") !== (sequence === 1))
        emit("EIX_SCHEMA_STAGE_SEQUENCE", "/payload/sequence", { value: String(sequence), detail: stage });
    }
    if (stage === "initial" && references.length > 0) emit("EIX_SCHEMA_STAGE_REFERENCES", "/references");
    if ((stage === "update" || stage === "final") && references.length === 0)
      emit("EIX_SCHEMA_STAGE_REFERENCE_MISSING", "/references", { detail: stage });
  },
};

export const selfReferenceRule: SemanticRule = {
  name: "no-self-reference",
  check(doc, emit) {
    const id = asString(doc.id);
    const unitId = asString(asObject(doc.sender)?.unitId);
    asArray(doc.references).forEach((reference, i) => {
      const ref = asObject(reference);
      if (ref && ref.id === id && (ref.unitId === undefined || ref.unitId === unitId))
        emit("EIX_SCHEMA_REFERENCE_SELF", `/references/${i}/id`);
    });
  },
};
