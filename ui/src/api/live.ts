import { useEffect, useState } from "react";
import type { Session } from "./client";

export interface LiveSessions {
  /** By name, as the API last described each one. */
  readonly sessions: ReadonlyMap<string, Session>;
  /** The first full list has arrived. */
  readonly synced: boolean;
  /** The stream dropped; EventSource reconnects by itself and the list is rebuilt then. */
  readonly interrupted: boolean;
}

/**
 * The caller's Sessions (an admin's: everyone's) from the API's live stream: the current ones first,
 * then every change as it happens. No polling.
 */
export function useLiveSessions(): LiveSessions {
  const [state, setState] = useState<LiveSessions>({
    sessions: new Map(),
    synced: false,
    interrupted: false,
  });
  useEffect(() => {
    const source = new EventSource("/api/v1/live/sessions");
    // Built up until `synced`, so a reconnect replaces the list instead of keeping deleted ones.
    let pending: Map<string, Session> | null = new Map();
    source.addEventListener("open", () => {
      pending = new Map();
    });
    source.addEventListener("session", (event) => {
      const session = JSON.parse((event as MessageEvent<string>).data) as Session;
      if (pending) pending.set(session.name, session);
      else setState((s) => ({ ...s, sessions: new Map(s.sessions).set(session.name, session) }));
    });
    source.addEventListener("deleted", (event) => {
      const { name } = JSON.parse((event as MessageEvent<string>).data) as { name: string };
      setState((s) => {
        const sessions = new Map(s.sessions);
        sessions.delete(name);
        return { ...s, sessions };
      });
    });
    source.addEventListener("synced", () => {
      const sessions = pending ?? new Map<string, Session>();
      pending = null;
      setState({ sessions, synced: true, interrupted: false });
    });
    source.addEventListener("error", () => setState((s) => ({ ...s, interrupted: true })));
    return () => source.close();
  }, []);
  return state;
}
