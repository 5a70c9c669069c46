// The destination of the relay benchmark: a node:http server on 127.0.0.1 that reads each body
// and answers 202 at once, noting when each message id (X-EIX-Message-Id) arrived.
import http from "node:http";
import { performance } from "node:perf_hooks";

export async function startReceiver() {
  /** Message id → arrival time (performance.now(), after the whole body was read). */
  let arrivals = new Map();
  let duplicates = 0;
  let last = 0;
  let waiter;
  const server = http.createServer((req, res) => {
    req.on("data", () => {});
    req.on("end", () => {
      const id = req.headers["x-eix-message-id"];
      const now = performance.now();
      if (arrivals.has(id)) duplicates++;
      else arrivals.set(id, now);
      last = now;
      res.writeHead(202, { "content-length": "0" });
      res.end();
      if (waiter && arrivals.size >= waiter.count) waiter.resolve(true);
    });
  });
  server.keepAliveTimeout = 30_000; // above the relay agent's 4 s and undici's defaults
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    get count() {
      return arrivals.size;
    },
    get duplicates() {
      return duplicates;
    },
    get lastArrival() {
      return last;
    },
    arrivalOf: (id) => arrivals.get(id),
    reset() {
      arrivals = new Map();
      duplicates = 0;
      last = 0;
    },
    /** Resolves true once `count` distinct messages arrived, false after `timeoutMs`. */
    waitFor(count, timeoutMs) {
      if (arrivals.size >= count) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          resolve(false);
        }, timeoutMs);
        waiter = {
          count,
          resolve: (value) => {
            clearTimeout(timer);
            waiter = undefined;
            resolve(value);
          },
        };
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
