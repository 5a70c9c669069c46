// CAP as read from the XML, before any mapping: the structure of the standard (OASIS CAP 1.2,
// with what 1.0 and 1.1 add or spell differently). Values are the trimmed element texts.
import type { Point } from "@eix/schema";

export type CapVersion = "1.0" | "1.1" | "1.2";

export const CAP_NAMESPACES: Readonly<Record<string, CapVersion>> = {
  "urn:oasis:names:tc:emergency:cap:1.2": "1.2",
  "urn:oasis:names:tc:emergency:cap:1.1": "1.1",
  "http://www.incident.com/cap/1.0": "1.0",
};

export const CAP_12_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

export interface CapValuePair {
  valueName: string;
  value: string;
}

export interface CapResource {
  resourceDesc: string;
  mimeType?: string;
  size?: string;
  uri?: string;
  /** SHA-256 of the decoded `derefUri` content, which travels as a blob, never inline. */
  derefSha256?: string;
  /** CAP's own digest (SHA-1, hex), kept as given. */
  digest?: string;
}

export interface CapArea {
  areaDesc: string;
  polygons: string[];
  /** The polygons' points, when the reader has already parsed (and checked) them. */
  polygonPoints?: Point[][];
  circles: string[];
  geocodes: CapValuePair[];
  altitude?: string;
  ceiling?: string;
}

export interface CapInfo {
  language?: string;
  categories: string[];
  event: string;
  responseTypes: string[];
  urgency: string;
  severity: string;
  certainty: string;
  audience?: string;
  eventCodes: CapValuePair[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameters: CapValuePair[];
  resources: CapResource[];
  areas: CapArea[];
}

export interface CapAlert {
  version: CapVersion;
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  /** CAP 1.0 only. */
  password?: string;
  source?: string;
  scope: string;
  restriction?: string;
  addresses?: string;
  codes: string[];
  note?: string;
  references?: string;
  incidents?: string;
  infos: CapInfo[];
  /** Enveloped XML signature(s), the raw XML text as received. */
  signatures: string[];
}
