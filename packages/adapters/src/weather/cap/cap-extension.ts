import type { CapArea, CapInfo, CapResource, CapValuePair } from "./cap-model.js";

/**
 * What a decoded warning keeps under `extensions.weather.cap`: every part of the CAP alert the
 * canonical warning has no place for, so that re-encoding loses nothing. Texts the canonical
 * fields carry (event, headline, description…) and the primary areas' geometry are not
 * repeated here; geocodes are kept as given, since regionCodes are normalised.
 */
export interface CapExtension {
  sender: string;
  /** The reference triples as received: CAP senders need not be valid unit ids. */
  references?: string;
  status: string;
  msgType: string;
  scope: string;
  password?: string;
  source?: string;
  restriction?: string;
  addresses?: string;
  codes?: string[];
  note?: string;
  incidents?: string;
  signatures?: string[];
  /** One entry per info of this warning: the primary first, then each translation. */
  infos: CapInfoExtension[];
}

export interface CapInfoExtension {
  categories: string[];
  /** Kept when the canonical value is a normalisation (CAP 1.0's "Very Likely"). */
  certainty?: string;
  responseTypes?: string[];
  audience?: string;
  eventCodes?: CapValuePair[];
  senderName?: string;
  web?: string;
  contact?: string;
  parameters?: CapValuePair[];
  /** Translations only: their own times when they differ from the primary's. */
  effective?: string;
  onset?: string;
  expires?: string;
  urgency?: string;
  severity?: string;
  resources?: CapResource[];
  /** Primary: per area, what the canonical area lacks. Translations: their whole areas. */
  areas?: Array<Partial<CapArea>>;
}

export function isCapExtension(value: unknown): value is CapExtension {
  return typeof value === "object" && value !== null && Array.isArray((value as CapExtension).infos);
}

export type { CapInfo };
