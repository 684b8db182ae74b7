// A VNC viewer's own screen-update requests do not keep a session awake; keys, pointer and clipboard do.
import { describe, expect, it } from "vitest";
import { isUserActivity } from "../../src/gateway/rfb-activity.js";

const updateRequest = Buffer.from([3, 1, 0, 0, 0, 0, 4, 0, 3, 0]);
const keyEvent = Buffer.from([4, 1, 0, 0, 0, 0, 0, 0x61]);
const pointerEvent = Buffer.from([5, 1, 0, 10, 0, 20]);

describe("RFB activity", () => {
  it("is not a FramebufferUpdateRequest, alone or batched", () => {
    expect(isUserActivity(updateRequest)).toBe(false);
    expect(isUserActivity(Buffer.concat([updateRequest, updateRequest]))).toBe(false);
  });

  it("is a key or pointer event, also when batched with update requests", () => {
    expect(isUserActivity(keyEvent)).toBe(true);
    expect(isUserActivity(pointerEvent)).toBe(true);
    expect(isUserActivity(Buffer.concat([updateRequest, pointerEvent]))).toBe(true);
  });
});
