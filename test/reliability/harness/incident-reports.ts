// Valid incident reports (初报/续报/终报) made from the project's own fire example.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EnvelopeOf } from "@eix/schema";
import { REPO_ROOT } from "./repo-root.js";

type IncidentEnvelope = EnvelopeOf<"incident">;
type Stage = IncidentEnvelope["payload"]["stage"];

const EXAMPLE_FILES: Record<Stage, string> = {
  initial: "incident-110-fire-initial.json",
  update: "incident-110-fire-update.json",
  final: "incident-110-fire-final.json",
};

const examples = new Map<Stage, IncidentEnvelope>();

function example(stage: Stage): IncidentEnvelope {
  let found = examples.get(stage);
  if (!found) {
    const path = join(REPO_ROOT, "packages/schema/examples/valid", EXAMPLE_FILES[stage]);
    found = JSON.parse(readFileSync(path, "utf8")) as IncidentEnvelope;
    examples.set(stage, found);
  }
  return structuredClone(found);
}

export interface ReportSpec {
  readonly id: string;
  readonly unitId: string;
  readonly incidentId: string;
  readonly stage: Stage;
  /** Default 1 for an initial report, 2 for an update, 3 for a final report. */
  readonly sequence?: number;
  /** Ids of the earlier reports of the chain this one updates (required by update and final reports). */
  readonly updates?: readonly string[];
}

/** A valid incident report built from the project's own fire example, renamed to the given ids. */
export function incidentReport(spec: ReportSpec): IncidentEnvelope {
  const base = example(spec.stage);
  const { references: _dropped, ...rest } = base;
  const sequence = spec.sequence ?? { initial: 1, update: 2, final: 3 }[spec.stage];
  return {
    ...rest,
    id: spec.id,
    sender: { ...base.sender, unitId: spec.unitId },
    ...(spec.updates && spec.updates.length > 0
      ? { references: spec.updates.map((id) => ({ id, relation: "updates" as const })) }
      : {}),
    payload: { ...base.payload, incidentId: spec.incidentId, stage: spec.stage, sequence },
  };
}
