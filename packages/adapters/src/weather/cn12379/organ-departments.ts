import type { Department } from "@eix/schema";

/**
 * GB/T 4657 organ codes (the DDD of a sender code) whose department is known. Provenance:
 * 416 (气象) from the real 12379 message of 河南省气象局, sender code 41000041600000. No other
 * code is confirmed by a public text, so any other organ falls back to the adapter's
 * department (weather); a source configured with `ctx.sender` says otherwise.
 */
export const organDepartments: Readonly<Record<string, Department>> = Object.assign(
  Object.create(null) as Record<string, Department>,
  { "416": "weather" },
);
