import type { Envelope } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import type { EdxlForm } from "./edxl-model.js";

type Status = Envelope["status"];

const statusByWord: Readonly<Record<string, Status>> = {
  Actual: "actual",
  Exercise: "exercise",
  // System messages and the 2.0 placeholders must never reach live recipients: carried as tests.
  System: "test",
  Test: "test",
  Unknown: "test",
  NoAppropriateDefault: "test",
};

/** distributionStatus → canonical status; anything else is refused. */
export function readStatus(word: string): Status {
  const status = statusByWord[word];
  if (!status)
    throw new AdapterError("EIX_ADAPTER_BAD_VALUE", {
      value: "distributionStatus",
      detail: `"${word}": Actual, Exercise, System or Test`,
    });
  return status;
}

/**
 * Canonical status → distributionStatus. SAMU-Hub's JSON schema allows only Actual and
 * Exercise, so there a test goes as Exercise: never live, and the content keeps "test".
 */
export function statusWord(status: Status, form: EdxlForm): string {
  if (status === "actual") return "Actual";
  if (status === "exercise" || form === "json") return "Exercise";
  return "Test";
}

/** Whether the envelope's status can stand for the carried message's (both ways of writing a test). */
export function statusAgrees(word: string, status: Status, form: EdxlForm): boolean {
  if (statusByWord[word] === status) return true;
  return form === "json" && status === "test" && word === "Exercise";
}

/** The distributionKind a canonical message travels as. */
export function kindWord(message: Envelope): string {
  const references = message.references ?? [];
  if (references.some((r) => r.relation === "cancels")) return "Cancel";
  switch (message.kind) {
    case "ack":
      return message.payload.type === "rejected" ? "Error" : "Ack";
    case "incident":
      return message.payload.stage === "initial" ? "Report" : "Update";
    case "warning":
      return { alert: "Report", update: "Update", cancel: "Cancel" }[message.payload.msgType];
    default:
      return references.length > 0 ? "Update" : "Report";
  }
}
