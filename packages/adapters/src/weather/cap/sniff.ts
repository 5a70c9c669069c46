import { CAP_NAMESPACES } from "./cap-model.js";

const namespaces = Object.keys(CAP_NAMESPACES);

/**
 * CAP if the first kilobytes name a CAP namespace and an alert element. A namespace-less
 * `<alert>` is the 12379 profile: a low score, so weather.cn12379 wins it.
 */
export function sniffCap(bytes: Uint8Array): number {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  if (!/<([\w.-]+:)?alert[\s>]/.test(head)) return 0;
  if (namespaces.some((ns) => head.includes(ns))) return 0.95;
  return 0.2;
}
