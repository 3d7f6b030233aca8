import type { WebSocketServer } from "ws";
import type { Logger } from "../logger";

/**
 * A message above the server's `maxPayload` makes ws close the socket with 1009 (Message Too Big) and then emit an
 * "error" on it, which graphql-ws prints with console.error as an "internal error" of the implementation: anyone
 * could fill the hub's stderr with one oversized message per connection. The error is expected and handled: it is
 * logged at info and not passed on.
 */
export function quietOversizedMessages(wsServer: WebSocketServer, log: Logger): void {
  wsServer.on("connection", (socket) => {
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === "error" && (args[0] as { code?: unknown } | undefined)?.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
        log.info({ event: "ws.messageTooBig" }, "WebSocket message above the size limit: closed with 1009");
        return true;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
  });
}
