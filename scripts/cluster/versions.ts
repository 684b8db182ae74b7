// One place for the versions of the local control plane. The build cache directory is keyed by
// these, so bumping one here makes the next `cluster:build` rebuild instead of reusing old binaries.
// After changing KUBERNETES, ETCD or KWOK run `tsx scripts/cluster/gen-gomod.ts` to regenerate the
// wrapper modules in scripts/cluster/go/.
export const KUBERNETES = "v1.34.4";
/** The staging modules (k8s.io/api, k8s.io/client-go, ...) are tagged v0.<minor>.<patch>. */
export const KUBERNETES_STAGING = KUBERNETES.replace(/^v1\./, "v0.");
export const ETCD = "v3.6.16";
export const KWOK = "v0.8.0";
/** Go version the wrapper modules declare; etcd 3.6.16 and kwok 0.8 both need 1.26. */
export const GO = "1.26.0";

export const BUILD_KEY = `${KUBERNETES}-etcd${ETCD}-kwok${KWOK}`;
