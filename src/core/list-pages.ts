import { type KubeAgents, kubeRequest, type Query } from "./kube-http.js";
import type { KubeConfig } from "./kubeconfig.js";

/** One page of a LIST answer. */
export interface ListPage<T> {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly items?: T[];
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
}

export interface ListPagesOptions {
  /** Selectors and the like; `limit` and `continue` are the pager's. */
  readonly query?: Query;
  /** Objects per request. @default 500 */
  readonly pageSize?: number;
  /** Deadline of each page's request, not of the whole list. @default DEFAULT_REQUEST_TIMEOUT_MS */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Connection pool of the caller's own, if it has one. @default the process's shared pool */
  readonly agents?: KubeAgents;
}

/**
 * A LIST read page by page (`limit`/`continue`): no answer is unbounded however many objects there are,
 * and each request has its own deadline. `onPage` sees every page as it comes. Resolves with the last
 * page's resourceVersion, the one a watch continues from ("" when the server sent none).
 */
export async function listPages<T>(
  kc: KubeConfig,
  path: string,
  options: ListPagesOptions,
  onPage: (page: ListPage<T>) => void,
): Promise<string> {
  let resourceVersion = "";
  let cont: string | undefined;
  do {
    const page = await kubeRequest<ListPage<T>>(kc, path, {
      query: { ...options.query, limit: options.pageSize ?? 500, continue: cont },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      agents: options.agents,
    });
    onPage(page);
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    cont = page.metadata?.continue || undefined;
  } while (cont);
  return resourceVersion;
}
