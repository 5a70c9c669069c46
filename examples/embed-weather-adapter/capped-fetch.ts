// Downloads one feed or CAP document with the global fetch, bounded in time and in size: a
// publisher that hangs or streams without end must not hang or exhaust the program polling it.
import { AdapterError } from "@eix/adapters";
import { adapterProblem, type Problem } from "./problem.js";

export interface FetchLimits {
  /** For the whole exchange, body included: AbortSignal.timeout also aborts a stalled body. */
  readonly timeoutMs: number;
  /** Larger bodies are cut off and refused, the same limit the adapter applies to its input. */
  readonly maxBytes: number;
}

export type Fetched = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly problem: Problem };

// CAP first; feeds and plain XML because aggregators serve the same URL under any of them.
const accept = "application/cap+xml, application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

export async function fetchCapped(url: string, limits: FetchLimits): Promise<Fetched> {
  try {
    const response = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(limits.timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel();
      const status = `${response.status} ${response.statusText}`.trim();
      return failed(`HTTP-${response.status}`, {
        "zh-CN": `下载失败：服务器返回 HTTP ${status}`,
        en: `Download failed: the server answered HTTP ${status}`,
      });
    }
    // A declared length over the limit is refused without reading a byte of the body.
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      return tooLarge(String(declared), limits.maxBytes);
    }
    return await readBody(response, limits.maxBytes);
  } catch (error) {
    if ((error as Error | undefined)?.name === "TimeoutError")
      return failed("TIMEOUT", {
        "zh-CN": `下载超时：${limits.timeoutMs / 1000} 秒内未完成`,
        en: `Download timed out: not complete within ${limits.timeoutMs / 1000} s`,
      });
    // fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
    const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
    const reason = cause?.code ?? cause?.message ?? String((error as Error | undefined)?.message ?? error);
    return failed("NETWORK", { "zh-CN": `下载失败：${reason}`, en: `Download failed: ${reason}` });
  }
}

// Reads the body chunk by chunk, so a body without Content-Length (chunked) is bounded too.
async function readBody(response: Response, maxBytes: number): Promise<Fetched> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (!reader) return { ok: true, bytes: new Uint8Array() };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return tooLarge(`${received}+`, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

// The adapters' own code for an over-size input, so the refusal reads the same whether the
// download or the decoder enforced the limit.
function tooLarge(size: string, maxBytes: number): Fetched {
  return {
    ok: false,
    problem: adapterProblem(new AdapterError("EIX_ADAPTER_TOO_LARGE", { value: size, limit: String(maxBytes) })),
  };
}

function failed(code: string, message: Problem["message"]): Fetched {
  return { ok: false, problem: { code, message } };
}
