import type { LocalizedText } from "@eix/schema";
import table from "./notifiable-diseases.json" with { type: "json" };

/** 甲类 (A), 乙类 (B) or 丙类 (C) under the infectious-disease law. */
export type DiseaseClass = "A" | "B" | "C";

/** A notifiable infectious disease (法定报告传染病) and what reporting it requires. */
export interface NotifiableDisease {
  /** ICD-10 codes and code prefixes that denote it ("A00", "A22.1"). */
  readonly icd10: readonly string[];
  readonly name: LocalizedText;
  readonly class: DiseaseClass;
  /** 乙类 managed as 甲类 (按甲类管理): reported within 2 h like class A. */
  readonly managedAsClassA: boolean;
  /** Network direct-report deadline after diagnosis (网络直报时限): 2 or 24 hours. */
  readonly reportWithinHours: number;
  /** GB/T 35561 event type of the public-health event (13A01 鼠疫 … 13A99). */
  readonly eventType: string;
}

export const notifiableDiseases: readonly NotifiableDisease[] = table.diseases as NotifiableDisease[];

/** "a22.1", "A221", " A22.1 " → "A221": ICD-10 codes are compared without the dot. */
const normalized = (code: string) => code.trim().toUpperCase().replace(/\./g, "");

const byPrefix = new Map<string, NotifiableDisease>();
for (const disease of notifiableDiseases) for (const code of disease.icd10) byPrefix.set(normalized(code), disease);
const longestPrefix = Math.max(...[...byPrefix.keys()].map((key) => key.length));

/**
 * The notifiable disease an ICD-10 code denotes, by its longest listed prefix (A22.1 pulmonary
 * anthrax before A22 anthrax); undefined for a code that is not notifiable.
 */
export function notifiableDisease(icd10: string): NotifiableDisease | undefined {
  const code = normalized(icd10);
  if (!/^[A-Z]\d{2}[0-9A-Z]*$/.test(code)) return undefined;
  for (let length = Math.min(code.length, longestPrefix); length >= 3; length--) {
    const disease = byPrefix.get(code.slice(0, length));
    if (disease) return disease;
  }
  return undefined;
}
