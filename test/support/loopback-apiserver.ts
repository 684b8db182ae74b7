import http from "node:http";
import type { AddressInfo } from "node:net";
import type { KubeConfig } from "../../src/core/kubeconfig.js";

/**
 * A fake API server (named a fake: the real one cannot be made to answer slowly or with 429 on demand)
 * on loopback, for tests of the HTTP client itself. `kc` points at it.
 */
export async function loopbackApiServer(
  handler: http.RequestListener,
): Promise<{ readonly kc: KubeConfig; close(): void }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const kc = {
    getCurrentCluster: () => ({ server: `http://127.0.0.1:${port}` }),
    applyToHTTPSOptions: async () => {},
  } as unknown as KubeConfig;
  return {
    kc,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
