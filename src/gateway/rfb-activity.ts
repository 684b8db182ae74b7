/**
 * A VNC viewer asks for screen updates over and over (FramebufferUpdateRequest, message type 3, 10
 * bytes) whether or not anyone is at the keyboard, so those requests are not the user's activity; keys,
 * pointer, clipboard and everything else are. A WebSocket message may carry several RFB messages.
 */
export function isUserActivity(message: Buffer): boolean {
  if (message.length === 0 || message.length % 10 !== 0) return true;
  for (let i = 0; i < message.length; i += 10) if (message[i] !== 3) return true;
  return false;
}
