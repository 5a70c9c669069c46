import type { Ack, Envelope, Person, Unit } from "@eix/schema";
import { AdapterError } from "../../errors.js";
import type { ContentObject, Distribution } from "./edxl-model.js";
import { VALUE_LISTS } from "./value-lists.js";

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value.trim() || undefined : typeof value === "number" ? String(value) : undefined;
const unitIdPattern = /^\S{1,64}$/;
const classifications = ["public", "internal", "restricted"] as const;

/** The distribution an Ack or Error answers: "distributionID,senderID,dateTimeSent" (DE 1.0) or SAMU-Hub's reference. */
function referenceOf(source: Distribution, message: Json | undefined): { id: string; unitId?: string } | undefined {
  const error = isObject(message?.error) ? message.error : message;
  const fromJson =
    (isObject(message?.reference) ? text(message.reference.distributionID) : undefined) ??
    text(error?.referencedDistributionID) ??
    (isObject(error?.sourceMessage) ? text(error.sourceMessage.distributionID) : undefined);
  if (fromJson) return { id: fromJson };
  const written = [
    ...source.distributionReferences,
    ...source.keywords.filter((k) => k.valueListURI === VALUE_LISTS.reference).flatMap((k) => k.values),
  ][0];
  if (!written) return undefined;
  const [id = "", unitId = ""] = written.split(",").map((part) => part.trim());
  return id ? { id, ...(unitIdPattern.test(unitId) ? { unitId } : {}) } : undefined;
}

/** Why an Error distribution refused: SAMU-Hub's error code and cause, or plain text content. */
function reasonOf(message: Json | undefined, plainText: string | undefined): string {
  const error = isObject(message?.error) ? message.error : message;
  const code = isObject(error?.errorCode) ? error.errorCode : undefined;
  const status = [text(code?.statusCode), text(code?.statusString)].filter(Boolean).join(" ");
  const cause = text(error?.errorCause);
  const reason = [status, cause].filter(Boolean).join(": ") || plainText?.trim();
  return (reason || "EDXL Error distribution without a stated reason").slice(0, 5000);
}

/**
 * An Ack or Error distribution that does not carry an EIX acknowledgement (a SAMU-Hub RC-REF
 * or hub error, a DE 1.0 Ack): the canonical `ack` it stands for. An Error is a refusal
 * (`rejected`), with the reason in `note` so that the hub records why.
 */
export function foreignAck(
  source: Distribution,
  base: Pick<Envelope, "sentAt" | "status">,
  unit: Unit | undefined,
  evidence: { readonly content: ContentObject; readonly json?: unknown; readonly plainText?: string } | undefined,
): Envelope {
  const message = isObject(evidence?.json) ? evidence.json : undefined;
  const plainText = evidence?.plainText;
  const at = evidence?.content.at ?? "/";
  if (!unit)
    throw new AdapterError(
      "EIX_ADAPTER_MISSING_FIELD",
      { value: "sender unit (configure the source's sending unit: the distribution does not describe it)" },
      { position: { at: "/senderID" } },
    );
  const reference = referenceOf(source, message);
  if (!reference)
    throw new AdapterError(
      "EIX_ADAPTER_MISSING_FIELD",
      { value: "distributionReference (the distribution acknowledged)" },
      { position: { at } },
    );
  const senderName = isObject(message?.sender) ? text(message.sender.name) : undefined;
  const by: Person = {
    name: senderName ?? source.senderID,
    ...(unitIdPattern.test(source.senderID) ? { unitId: source.senderID } : {}),
  };
  const rejected = source.distributionKind === "Error";
  const payload: Ack = {
    of: reference.id,
    ...(reference.unitId ? { ofUnitId: reference.unitId } : {}),
    type: rejected ? "rejected" : "received",
    by,
    at: base.sentAt,
    ...(rejected ? { note: reasonOf(message, plainText) } : {}),
  };
  const handling = source.keywords.find((k) => k.valueListURI === VALUE_LISTS.handling)?.values[0];
  return {
    id: source.distributionID,
    schema: "eix/1",
    kind: "ack",
    sentAt: base.sentAt,
    sender: unit,
    status: base.status,
    // Without EIX's handling keyword, the most careful of the non-classified markings.
    classification: classifications.find((c) => c === handling) ?? "restricted",
    payload,
  };
}
