import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@eix/source"] },
  ssr: { resolve: { conditions: ["@eix/source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
  },
});
