// From an HL7 acknowledgment to the relay's outcome: AA delivered, AE later, AR never.
import type { SendResult } from "../relay/destination.js";
import type { DeliveryResponse } from "../store/store-records.js";
import { mllpReason } from "./mllp-errors.js";

/** MSA-1: original mode (A*) and enhanced-mode commit (C*) acknowledgments. */
export type AckCode = "AA" | "AE" | "AR" | "CA" | "CE" | "CR";

/** What an ACK reader makes of an ACK's text (the shape of `readHl7Ack` in @eix/adapters). */
export type AckReading =
  | {
      readonly ok: true;
      readonly code: AckCode;
      /** MSA-2: the MSH-10 of the message acknowledged. */
      readonly controlId?: string;
      /** MSA-3, the text message. */
      readonly text?: string;
      /** ERR segments. */
      readonly errors: readonly { readonly code?: string; readonly text?: string }[];
    }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export type AckReader = (text: string) => AckReading;

/** Longest ACK summary kept with the delivery. */
const MAX_SUMMARY = 1024;

/**
 * Classifies a read ACK. An ACK whose MSA-2 names another message than the one sent (`sentControlId`,
 * when it could be read) is a stale answer: whether this message arrived is unknown.
 */
export function classifyAck(reading: AckReading, sentControlId: string | undefined): SendResult {
  if (!reading.ok) {
    const detail = `${reading.error.code}: ${reading.error.message}`;
    return { kind: "ambiguous", reason: mllpReason("EIX_MLLP_ACK_UNREADABLE", { detail }) };
  }
  const response: DeliveryResponse = { body: summary(reading) };
  const acknowledged = reading.controlId?.trim() || undefined; // an empty MSA-2 names nothing
  if (sentControlId !== undefined && acknowledged !== undefined && acknowledged !== sentControlId) {
    const reason = mllpReason("EIX_MLLP_ACK_MISMATCH", { value: acknowledged, limit: sentControlId });
    return { kind: "ambiguous", reason, response };
  }
  const detail = errorDetail(reading);
  switch (reading.code) {
    case "AA":
    case "CA":
      return { kind: "delivered", response };
    case "AE":
    case "CE":
      return { kind: "retryable", reason: mllpReason("EIX_MLLP_ACK_ERROR", { ack: reading.code, detail }), response };
    case "AR":
    case "CR":
      return { kind: "permanent", reason: mllpReason("EIX_MLLP_ACK_REJECTED", { ack: reading.code, detail }), response };
    default: {
      // A reader outside its contract; no guess is made about what the receiver meant.
      const unknown: string = reading.code;
      return { kind: "ambiguous", reason: mllpReason("EIX_MLLP_ACK_UNREADABLE", { detail: `unknown code ${unknown}` }) };
    }
  }
}

/** MSA-3 and the ERR codes and texts: what the receiver said is wrong. */
function errorDetail(reading: Extract<AckReading, { ok: true }>): string {
  const parts = [reading.text, ...reading.errors.map((e) => [e.code, e.text].filter(Boolean).join(" "))];
  const detail = parts.filter((part): part is string => Boolean(part?.trim())).join("; ");
  return detail === "" ? "no reason given" : detail;
}

/** "AA 20260701-0001: message accepted": code, control id and reason, for the delivery record. */
function summary(reading: Extract<AckReading, { ok: true }>): string {
  const head = reading.controlId ? `${reading.code} ${reading.controlId}` : reading.code;
  const detail = errorDetail(reading);
  const text = reading.code === "AA" || reading.code === "CA" ? (reading.text ?? "") : detail;
  const line = text ? `${head}: ${text}` : head;
  return line.length > MAX_SUMMARY ? `${line.slice(0, MAX_SUMMARY - 1)}…` : line;
}
