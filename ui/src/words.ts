import type { Session } from "./api/client";

// What a Session's state means to a person, from the reasons the reconciler writes in its status.

const FAILURES: Record<string, string> = {
  QuotaExceeded: "You have reached your session limit. Close a session you no longer need and try again.",
  ImagePullBackOff: "The app's image could not be downloaded. Ask your administrator to check the template.",
  ErrImagePull: "The app's image could not be downloaded. Ask your administrator to check the template.",
  StartupTimeout: "The app took too long to start. Try launching it again.",
  CrashLoopBackOff: "The app keeps stopping right after it starts. Ask your administrator to check it.",
  ContainerFailed: "The app stopped with an error.",
  PodFailed: "The app stopped with an error.",
  Unschedulable: "There is no room for the app right now. Try again in a few minutes.",
  TemplateNotFound: "This app is no longer in the catalog.",
  TemplateInvalid: "This app's template is broken. Ask your administrator to fix it.",
  MaxSessionDurationExceeded: "The session reached its longest allowed duration.",
};

type Status = { reason?: string; message?: string };

/** The sentence to show for a failed Session, with the system's own message after it when there is one. */
export function failureText(session: Session): string {
  const status = session.status as Status;
  const words = (status.reason && FAILURES[status.reason]) ?? "The session could not start.";
  return status.message ? `${words} (${status.message})` : words;
}

/** The state a person sees in a list: what is happening, not the Kubernetes phase. */
export function stateLabel(session: Session): string {
  if (session.state === "terminated") return session.phase === "Terminated" ? "Ended" : "Ending";
  if (session.state === "hibernated") return session.phase === "Hibernated" ? "Sleeping" : "Going to sleep";
  if (session.phase === "Hibernated") return "Waking up";
  if (session.phase === "Running") return "Running";
  if (session.phase === "Failed") return "Failed";
  return "Starting";
}

export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
