// What the admin overview counts for a session pod is what the scheduler reserves: the containers'
// requests, or the largest init container's when that is more, plus the runtime's overhead.
import { describe, expect, it } from "vitest";
import { podRequests } from "../../src/server/node-capacity.js";

const container = (cpu?: string, memory?: string) => ({
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
});

describe("a session pod's requests as the overview counts them", () => {
  it("adds up the containers' requests", () => {
    expect(
      podRequests({ spec: { containers: [container("250m", "256Mi"), container("50m", "64Mi")] } }),
    ).toEqual({
      cpu: 0.3,
      memory: 320 * 2 ** 20,
    });
  });

  it("takes the largest init container when it asks for more, and adds the overhead", () => {
    const pod = {
      spec: {
        containers: [container("100m", "1Gi")],
        initContainers: [container("2", "512Mi"), container("500m")],
        overhead: { cpu: "10m", memory: "16Mi" },
      },
    };
    expect(podRequests(pod)).toEqual({ cpu: 2.01, memory: 2 ** 30 + 16 * 2 ** 20 });
  });

  it("counts nothing for a container without requests", () => {
    expect(podRequests({ spec: { containers: [{}] } })).toEqual({ cpu: 0, memory: 0 });
  });
});
