import type { V1Lifecycle } from "@kubernetes/client-node";

/** How long the start hook waits for the app to listen before leaving it to the readiness probe. */
const WAIT_SECONDS = 30;
const TICK_SECONDS = 0.025;

/**
 * A postStart hook that returns once the app's port listens (at most WAIT_SECONDS). The kubelet
 * reports a container running only after its postStart hook returns, and then runs the readiness
 * probe at once; with the port already listening that first probe succeeds, so Ready follows the
 * port instead of waiting a whole probe period (decision 0170). It reads the pod's listening sockets
 * from /proc/net/tcp{,6} with POSIX sh builtins only (dash, bash and busybox ash all do), and always
 * exits 0: a hook that fails kills the container, and the readiness probe still decides Ready.
 */
export function portWaitHook(port: number): V1Lifecycle {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const ticks = Math.round(WAIT_SECONDS / TICK_SECONDS);
  const script = [
    "i=0",
    `while [ $i -lt ${ticks} ]; do`,
    "  for f in /proc/net/tcp /proc/net/tcp6; do",
    // Fields: sl, local address:port, remote address, state (0A = LISTEN).
    `    [ -r $f ] && while read -r _ a _ s _; do [ "$s" = 0A ] && case $a in *:${hex}) exit 0;; esac; done < $f`,
    "  done",
    // A sleep without fractions (some busybox builds) waits a whole second: count it as such.
    `  sleep ${TICK_SECONDS} 2>/dev/null || { sleep 1; i=$((i+${Math.round(1 / TICK_SECONDS) - 1})); }`,
    "  i=$((i+1))",
    "done",
    "exit 0",
  ].join("\n");
  return { postStart: { exec: { command: ["/bin/sh", "-c", script] } } };
}
