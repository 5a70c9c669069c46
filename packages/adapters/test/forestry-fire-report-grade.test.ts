import { describe, expect, test } from "vitest";
import { type ForestFireGrade, gradeForestFire } from "../src/forestry/fire-report/index.js";

// Forest Fire Prevention Regulations (森林防火条例) art. 40: "以上" includes the number, "以下" excludes it.
const none = { burnedForestHa: 0, deaths: 0, seriousInjuries: 0 };

describe("gradeForestFire (森林火灾等级, 森林防火条例第四十条)", () => {
  test.each<[number, ForestFireGrade]>([
    [0, "IV"],
    [0.999, "IV"],
    [1, "III"],
    [99.99, "III"],
    [100, "II"],
    [999.9, "II"],
    [1000, "I"],
    [25_000, "I"],
  ])("受害森林面积 %s ha → %s", (burnedForestHa, grade) => {
    expect(gradeForestFire({ ...none, burnedForestHa })).toBe(grade);
  });

  test.each<[number, ForestFireGrade]>([
    [0, "IV"],
    [1, "IV"],
    [2, "IV"],
    [3, "III"],
    [9, "III"],
    [10, "II"],
    [29, "II"],
    [30, "I"],
  ])("死亡 %i → %s", (deaths, grade) => {
    expect(gradeForestFire({ ...none, deaths })).toBe(grade);
  });

  test.each<[number, ForestFireGrade]>([
    [0, "IV"],
    [1, "IV"],
    [9, "IV"],
    [10, "III"],
    [49, "III"],
    [50, "II"],
    [99, "II"],
    [100, "I"],
  ])("重伤 %i → %s", (seriousInjuries, grade) => {
    expect(gradeForestFire({ ...none, seriousInjuries })).toBe(grade);
  });

  test.each<[Parameters<typeof gradeForestFire>[0], ForestFireGrade]>([
    [{ burnedForestHa: 0.5, deaths: 3, seriousInjuries: 0 }, "III"],
    [{ burnedForestHa: 150, deaths: 1, seriousInjuries: 120 }, "I"],
    [{ burnedForestHa: 1200, deaths: 0, seriousInjuries: 0 }, "I"],
    [{ burnedForestHa: 2, deaths: 10, seriousInjuries: 49 }, "II"],
  ])("the highest criterion decides: %j → %s", (losses, grade) => {
    expect(gradeForestFire(losses)).toBe(grade);
  });
});
