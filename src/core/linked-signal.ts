import { setMaxListeners } from "node:events";

/** A signal joined to its parents and a deadline, for one piece of work. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Whether the deadline, not a parent, ended it. */
  readonly timedOut: boolean;
  /** Stops listening to the parents and clears the deadline: call it when the work is done. */
  dispose(): void;
}

/**
 * A signal that aborts when any parent does (with its reason) or once `timeoutMs` have passed.
 *
 * Not `AbortSignal.any`: Node 20 keeps a WeakRef to every signal it makes in each parent for as long as
 * the parent lives, 58 bytes a call. The work queue's and the leader's stop signals live as long as the
 * process, and a reconciler at 5,000 Sessions makes a million of these a day. Here a parent holds one
 * listener, and only until `dispose`. So a parent may hold many at once without leaking (a repository's
 * Templates applied together under one reconcile's signal), and Node's warning at 11 is lifted.
 */
export function linkedSignal(
  parents: ReadonlyArray<AbortSignal | undefined>,
  timeoutMs?: number,
): LinkedSignal {
  const controller = new AbortController();
  let timedOut = false;
  const listening: AbortSignal[] = [];
  const onAbort = function (this: AbortSignal) {
    controller.abort(this.reason);
  };
  let timer: NodeJS.Timeout | undefined;
  const dispose = () => {
    for (const parent of listening) parent.removeEventListener("abort", onAbort);
    listening.length = 0;
    if (timer) clearTimeout(timer);
  };
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    setMaxListeners(0, parent);
    parent.addEventListener("abort", onAbort, { once: true });
    listening.push(parent);
  }
  if (timeoutMs !== undefined && !controller.signal.aborted) {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    }, timeoutMs);
    // A deadline is no reason to keep the process alive, as with AbortSignal.timeout.
    timer.unref();
  }
  controller.signal.addEventListener("abort", dispose, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose,
  };
}
