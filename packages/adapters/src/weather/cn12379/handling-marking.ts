import { type Classification, isClassifiedMarking } from "@eix/schema";

// How a 12379 message may be handled comes from two header words: `secClassification`
// (密级, `None` in every message seen) and CAP's `scope` (the audience). The canonical
// classification is the stricter of the two.

const rank: Readonly<Record<Classification, number>> = { public: 0, internal: 1, restricted: 2 };

export function stricter(a: Classification, b: Classification): Classification {
  return rank[a] >= rank[b] ? a : b;
}

const markings: Readonly<Record<string, Classification>> = Object.assign(Object.create(null) as Record<string, Classification>, {
  none: "public",
  unclassified: "public",
  public: "public",
  无: "public",
  公开: "public",
  非密: "public",
  internal: "internal",
  内部: "internal",
  restricted: "restricted",
  限制: "restricted",
  受限: "restricted",
});

/** What the encoder writes for each classification (`None` as the sample; the others assumed, not seen). */
const markingWords: Readonly<Record<Classification, string>> = { public: "None", internal: "Internal", restricted: "Restricted" };

export type MarkingReading =
  /** A handling marking the network carries. `known` is false for a word not in the list. */
  | { readonly kind: "handling"; readonly classification: Classification; readonly known: boolean }
  /** 秘密/机密/绝密 or Secret…: the message must be refused. */
  | { readonly kind: "classified"; readonly marking: string };

/**
 * Reads `secClassification`. An empty element is public. A classified marking is reported
 * as such so that the decoder hands it to the canonical validator, which refuses it
 * (`EIX_SCHEMA_CLASSIFIED_REFUSED`). An unknown word is read as `restricted`: the most
 * careful handling a message on this network can have.
 */
export function readMarking(word: string | undefined): MarkingReading {
  if (word === undefined) return { kind: "handling", classification: "public", known: true };
  if (isClassifiedMarking(word)) return { kind: "classified", marking: word };
  const classification = markings[word.toLowerCase()];
  return classification
    ? { kind: "handling", classification, known: true }
    : { kind: "handling", classification: "restricted", known: false };
}

/** The marking word the encoder writes when no source word is kept. */
export function markingWord(classification: Classification): string {
  return markingWords[classification];
}

const scopes: Readonly<Record<string, { word: string; classification: Classification }>> = Object.assign(
  Object.create(null) as Record<string, { word: string; classification: Classification }>,
  {
    public: { word: "Public", classification: "public" },
    restricted: { word: "Restricted", classification: "restricted" },
    private: { word: "Private", classification: "restricted" },
  },
);

/** CAP scope: Public, or Restricted/Private (read as restricted handling). Undefined when unknown. */
export function readScope(word: string): { word: string; classification: Classification } | undefined {
  return scopes[word.toLowerCase()];
}

/**
 * The header words to write for a classification: the kept source words when together they
 * still mean it, else `Public` and the marking word for the classification.
 */
export function writeHandling(
  classification: Classification,
  kept: { scope?: string; secClassification?: string },
): { scope: string; secClassification: string } {
  const scopeReading = kept.scope === undefined ? undefined : readScope(kept.scope);
  const scope = scopeReading && rank[scopeReading.classification] <= rank[classification] ? scopeReading.word : "Public";
  const scopeClass = readScope(scope)?.classification ?? "public";
  const candidate = kept.secClassification ?? markingWords.public;
  const marking = readMarking(candidate);
  if (marking.kind === "handling" && stricter(marking.classification, scopeClass) === classification)
    return { scope, secClassification: candidate };
  // The scope never says more than the classification (chosen above), so the marking carries it.
  return { scope, secClassification: markingWords[classification] };
}
