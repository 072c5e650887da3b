// MSAL v5's redirect bridge, an `exports` subpath the project's Node-style module resolution
// does not read (webpack does); its one function, as types/redirect_bridge/index.d.ts declares it.
declare module "@azure/msal-browser/redirect-bridge" {
  export function broadcastResponseToMainFrame(): Promise<void>;
}
