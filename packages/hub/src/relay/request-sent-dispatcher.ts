import type { Dispatcher } from "undici";

/** What `fetch` needs of a dispatcher: only `dispatch`. */
export interface DispatchOnly {
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean;
}

/**
 * A per-request view of a shared undici `Agent` that reports when the request — headers and the
 * whole body — has been written to the socket. That moment splits a timeout in two: before it the
 * destination cannot have the message (safe to resend), after it the destination may have it
 * (ambiguous). undici calls `onRequestSent` on handlers in the legacy shape, which is what `fetch`
 * passes; a handler in the newer shape is forwarded untouched and the request simply never counts
 * as sent, so a timeout is then treated as the safe case.
 */
export function requestSentDispatcher(agent: Dispatcher, onSent: () => void): DispatchOnly {
  return {
    dispatch(options, handler) {
      const tracked = new Proxy(handler, {
        get(target, property, receiver) {
          if (property !== "onRequestSent") return Reflect.get(target, property, receiver);
          const own = Reflect.get(target, property, receiver) as ((...args: unknown[]) => unknown) | undefined;
          return (...args: unknown[]) => {
            onSent();
            return own?.apply(receiver, args);
          };
        },
      });
      return agent.dispatch(options, tracked);
    },
  };
}
