import { defineConfig } from "vitest/config";

// CI asks for a JSON report beside the console output; .ci/run summarises it.
const reportFile = process.env.EIX_VITEST_REPORT;

export default defineConfig({
  resolve: { conditions: ["@eix/source"] },
  ssr: { resolve: { conditions: ["@eix/source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "forks",
    ...(reportFile ? { reporters: ["default", "json"], outputFile: { json: reportFile } } : {}),
  },
});
