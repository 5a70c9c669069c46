import { eventTypeRule, regionCodeRule } from "./code-tables.js";
import { classifiedRule, jurisdictionRule, senderRule } from "./handling.js";
import {
  ackRule,
  casualtyRule,
  checkInRule,
  feedbackDeadlineRule,
  polygonRule,
  warningReferenceRule,
  warningSeverityRule,
} from "./payloads.js";
import { reportChainRule, selfReferenceRule } from "./report-chain.js";
import type { SemanticRule } from "./rule.js";
import { timeOrderRule } from "./times.js";

/** Every semantic rule, in the order their issues are reported. */
export const semanticRules: readonly SemanticRule[] = [
  classifiedRule,
  senderRule,
  eventTypeRule,
  regionCodeRule,
  jurisdictionRule,
  reportChainRule,
  selfReferenceRule,
  timeOrderRule,
  feedbackDeadlineRule,
  ackRule,
  checkInRule,
  warningSeverityRule,
  warningReferenceRule,
  polygonRule,
  casualtyRule,
];
