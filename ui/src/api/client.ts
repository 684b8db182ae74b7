// The one place the portal talks to the API: typed by the OpenAPI document (generated/openapi.ts), same
// origin only, with the login cookie. Browsers send our Origin on writes, which the API's CSRF check wants.
import type { paths } from "./generated/openapi";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : undefined;
type Responses<O> = O extends { responses: infer R } ? R : never;
/** The body of an operation's success answer (200 or 201; 204 has none). */
export type Answer<P extends keyof paths, M extends Method = "get"> =
  Responses<Operation<P, M>> extends { 200: infer R }
    ? JsonOf<R>
    : Responses<Operation<P, M>> extends { 201: infer R }
      ? JsonOf<R>
      : undefined;
type BodyOf<O> = O extends { requestBody: { content: { "application/json": infer B } } }
  ? B
  : O extends { requestBody?: { content: { "application/json": infer B } } }
    ? B
    : undefined;
type PathOf<O> = O extends { parameters: { path: infer A } } ? A : undefined;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? Q : undefined;

export type Session = Answer<"/api/v1/sessions">[number];
export type TemplateSummary = Answer<"/api/v1/templates">[number];
export type TemplateDetail = Answer<"/api/v1/templates/{name}">;
export type Me = Answer<"/api/v1/me">;

export interface FieldError {
  field: string;
  message: string;
}

/** A refusal from the API, with its words and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** Listeners told when the API says we are not logged in (the login expired or was ended elsewhere). */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

const REQUEST_TIMEOUT_MS = 15_000;

export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params?.[key];
    if (value === undefined) throw new Error(`missing path parameter ${key} for ${path}`);
    return encodeURIComponent(value);
  });
}

function withQuery(path: string, query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

type Args<O> = (PathOf<O> extends undefined ? { path?: undefined } : { path: PathOf<O> }) & {
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  signal?: AbortSignal;
};

/** Calls one operation of the API by its OpenAPI path and method. */
export async function call<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  args: Args<Operation<P, M>> = {} as Args<Operation<P, M>>,
): Promise<Answer<P, M>> {
  const {
    path: params,
    query,
    body,
    signal,
  } = args as {
    path?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    signal?: AbortSignal;
  };
  const url = withQuery(fillPath(path, params), query);
  const deadline = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const response = await fetch(url, {
    method: method.toUpperCase(),
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
    signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
  });
  const text = await response.text();
  const json: unknown =
    text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = json as { error?: string; fields?: FieldError[] } | null;
    if (response.status === 401) for (const listener of signedOutListeners) listener();
    throw new ApiError(
      response.status,
      error?.error ?? `${response.status} ${response.statusText}`,
      error?.fields ?? [],
    );
  }
  return json as Answer<P, M>;
}

/** What to show a person for a failed call. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.fields.map((f) => `${f.field}: ${f.message}`).join("; ");
    return fields ? `${error.message} (${fields})` : error.message;
  }
  if (error instanceof DOMException && error.name === "TimeoutError")
    return "The server did not answer in time; try again.";
  return error instanceof Error ? error.message : String(error);
}
