// `eix serve` and the other `eix` commands as real child processes, each tracked so a test can
// kill whatever is left even when it fails.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "./repo-root.js";
import { waitFor } from "./waiting.js";

/**
 * `node --import tsx`, not `node_modules/.bin/tsx`: the tsx launcher runs the program in a
 * grandchild process, which a SIGKILL of the launcher would leave running — a crash test must
 * kill the very process that holds the store.
 */
function spawnEix(args: readonly string[]): ChildProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@eix/source", "packages/hub/src/cli/main.ts", ...args],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  return child;
}

const liveChildren = new Set<ChildProcess>();

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

function exitOf(child: ChildProcess): Promise<ExitInfo> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((done) => child.once("exit", (code, signal) => done({ code, signal })));
}

/** SIGKILLs every child these helpers started that is still running; for afterEach/afterAll. */
export async function killAllChildren(): Promise<void> {
  await Promise.all(
    [...liveChildren].map((child) => {
      const exited = exitOf(child);
      child.kill("SIGKILL");
      return exited;
    }),
  );
}

/** A running `eix serve`. */
export interface HubProcess {
  readonly url: string;
  readonly pid: number;
  /** Sends `signal` and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<ExitInfo>;
  /** The last lines the hub wrote (stdout and stderr), for failure messages. */
  recentOutput(): string;
  /** How many log lines with this `msg` the hub has written so far. */
  logged(msg: string): number;
}

/**
 * Starts `eix serve --config FILE --port 0`, reads the address from the hub's
 * `{"msg":"hub started","address":…}` log line, and waits until `/readyz` answers 200.
 */
export async function startHubProcess(configPath: string, options: { readonly timeoutMs?: number } = {}): Promise<HubProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawnEix(["serve", "--config", configPath, "--port", "0"]);
  const recent: string[] = [];
  const keep = (line: string) => {
    recent.push(line);
    if (recent.length > 200) recent.shift();
  };
  const recentOutput = () => recent.join("\n");
  const messages = new Map<string, number>();
  if (child.stderr) createInterface({ input: child.stderr }).on("line", keep);
  const address = await new Promise<string>((found, failed) => {
    const timer = setTimeout(() => failed(new Error(`hub did not start within ${timeoutMs} ms\n${recentOutput()}`)), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      failed(new Error(`hub exited before it started (code ${code}, signal ${signal})\n${recentOutput()}`));
    });
    if (!child.stdout) throw new Error("hub stdout is not piped");
    createInterface({ input: child.stdout }).on("line", (line) => {
      keep(line);
      const entry = logEntry(line);
      if (typeof entry?.msg === "string") messages.set(entry.msg, (messages.get(entry.msg) ?? 0) + 1);
      const address = entry?.msg === "hub started" && typeof entry.address === "string" ? entry.address : undefined;
      if (address) {
        clearTimeout(timer);
        found(address);
      }
    });
  });
  const url = address.replace("0.0.0.0", "127.0.0.1");
  await waitFor("the hub's /readyz", async () => (await fetchStatus(`${url}/readyz`)) === 200, {
    timeoutMs,
    detail: recentOutput,
  });
  return {
    url,
    pid: child.pid ?? -1,
    kill: (signal) => {
      const exited = exitOf(child);
      child.kill(signal);
      return exited;
    },
    recentOutput,
    logged: (msg) => messages.get(msg) ?? 0,
  };
}

/** A pino JSON line, or undefined for anything else. */
function logEntry(line: string): { readonly msg?: unknown; readonly address?: unknown } | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    return JSON.parse(line) as { msg?: unknown; address?: unknown };
  } catch {
    return undefined;
  }
}

async function fetchStatus(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

/** Runs one `eix` command to its end. */
export async function runEix(
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }> {
  const child = spawnEix(args);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    stderr += text;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const { code } = await exitOf(child);
  clearTimeout(timer);
  return { code, stdout, stderr };
}
