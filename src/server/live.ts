import { EventEmitter } from "node:events";
import type { Session } from "../api/generated/types.js";
import type { ClusterView } from "./cluster.js";

export type SessionChange = { type: "upsert" | "delete"; session: Session };

/**
 * Fans the Session informer's events out to the open live streams. The informer has no way to remove a
 * handler, so it gets one set here and each stream subscribes to this emitter instead.
 */
export class SessionBroadcaster {
  private readonly emitter = new EventEmitter();

  constructor(cluster: ClusterView) {
    this.emitter.setMaxListeners(0);
    const send = (type: SessionChange["type"]) => (session: Session) =>
      this.emitter.emit("change", { type, session });
    cluster.sessions.on("add", send("upsert"));
    cluster.sessions.on("update", (obj, old) => {
      // A resync re-emits unchanged objects; streams only want real changes.
      if (obj !== old) send("upsert")(obj);
    });
    cluster.sessions.on("delete", send("delete"));
  }

  subscribe(listener: (change: SessionChange) => void): () => void {
    this.emitter.on("change", listener);
    return () => this.emitter.off("change", listener);
  }
}
