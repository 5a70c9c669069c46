import { describe, expect, test } from "vitest";
import { CircuitBreaker, type CircuitState } from "../../src/relay/circuit-breaker.js";
import { manualClock, memoryLogger } from "./relay-fixtures.js";

function breaker(threshold = 3, openMs = 30_000) {
  const clock = manualClock();
  const { logger, lines } = memoryLogger("debug");
  const states: CircuitState[] = [];
  const circuit = new CircuitBreaker(
    "national",
    { failureThreshold: threshold, openMs },
    { logger, clock: clock.now, onStateChange: (s) => states.push(s) },
  );
  const count = (level: number) => lines.filter((line) => line.level === level).length;
  return { circuit, clock, lines, states, warns: () => count(40), infos: () => count(30) };
}

describe("circuit breaker", () => {
  test("stays closed below the threshold; a success resets the count", () => {
    const { circuit, lines } = breaker(3);
    circuit.record("failure", false);
    circuit.record("failure", false);
    circuit.record("success", false);
    circuit.record("failure", false);
    circuit.record("failure", false);
    expect(circuit.state).toBe("closed");
    expect(circuit.admit(10)).toEqual({ count: 10, probe: false });
    expect(lines).toEqual([]);
  });

  test("opens after N consecutive failures, admits nothing while open, then lets one probe through", () => {
    const { circuit, clock, states, warns } = breaker(3, 30_000);
    for (let i = 0; i < 3; i++) circuit.record("failure", false);
    expect(circuit.state).toBe("open");
    expect(warns()).toBe(1);
    expect(circuit.admit(10)).toEqual({ count: 0, probe: false });

    clock.advance(29_999);
    expect(circuit.admit(10).count).toBe(0);
    clock.advance(1);
    expect(circuit.state).toBe("half-open");
    expect(circuit.admit(10)).toEqual({ count: 1, probe: true });
    expect(circuit.admit(10)).toEqual({ count: 0, probe: false });
    expect(states).toEqual(["open", "half-open"]);
  });

  test("a failed probe opens it again for openMs; a successful one closes it", () => {
    const { circuit, clock, states, warns, infos, lines } = breaker(2, 10_000);
    circuit.record("failure", false);
    circuit.record("failure", false);
    clock.advance(10_000);
    expect(circuit.admit(5).probe).toBe(true);
    circuit.record("failure", true);
    expect(circuit.state).toBe("open");
    expect(circuit.admit(5).count).toBe(0);
    clock.advance(10_000);
    expect(circuit.admit(5)).toEqual({ count: 1, probe: true });
    circuit.record("success", true);
    expect(circuit.state).toBe("closed");
    expect(circuit.admit(5)).toEqual({ count: 5, probe: false });
    expect(states).toEqual(["open", "half-open", "open", "half-open", "closed"]);
    // One outage, one warn line and one info line; the failed probe is only a debug line.
    expect(warns()).toBe(1);
    expect(infos()).toBe(1);
    expect(lines.find((line) => line.level === 30)).toMatchObject({ destination: "national", outageMs: 20_000 });
  });

  test("sends that were in flight when it opened change nothing and log nothing", () => {
    const { circuit, lines } = breaker(2);
    circuit.record("failure", false);
    circuit.record("failure", false);
    const before = lines.length;
    for (let i = 0; i < 50; i++) circuit.record(i % 2 === 0 ? "failure" : "success", false);
    expect(circuit.state).toBe("open");
    expect(lines.length).toBe(before);
  });

  test("a probe that found nothing to send is handed back", () => {
    const { circuit, clock } = breaker(1, 1000);
    circuit.record("failure", false);
    clock.advance(1000);
    expect(circuit.admit(3).probe).toBe(true);
    circuit.cancelProbe();
    expect(circuit.admit(3)).toEqual({ count: 1, probe: true });
  });

  test("a second outage logs again", () => {
    const { circuit, clock, warns, infos } = breaker(1, 1000);
    circuit.record("failure", false);
    clock.advance(1000);
    circuit.admit(1);
    circuit.record("success", true);
    circuit.record("failure", false);
    expect(circuit.state).toBe("open");
    expect([warns(), infos()]).toEqual([2, 1]);
  });

  test("settings are checked", () => {
    const { logger } = memoryLogger();
    expect(() => new CircuitBreaker("x", { failureThreshold: 0 }, { logger })).toThrow(/failureThreshold/);
  });
});
