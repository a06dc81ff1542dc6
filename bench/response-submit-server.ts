/**
 * Child process of the response-submit benchmark, so the load generator never shares the server's event loop:
 * `hello` is a bare node:http server answering "hello"; `app DB` is the real app (`buildApp`, as `serve`
 * builds it, without the job runner) on a migrated database. Both bind 127.0.0.1:0 and send their port over IPC.
 * The app's JSON logs go to stdout, which the parent discards.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { config } from "../src/config.js";
import { systemClock } from "../src/core/clock.js";
import { openDatabase } from "../src/db/database.js";
import { buildApp } from "../src/http/app.js";
import { createLogger } from "../src/http/logger.js";

const HOST = "127.0.0.1";
const [mode, target] = process.argv.slice(2);

function ready(port: number): void {
  process.send?.({ port });
}

if (mode === "hello") {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/plain" });
    response.end("hello");
  });
  server.listen(0, HOST, () => ready((server.address() as AddressInfo).port));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
} else if (mode === "app" && target) {
  const logger = createLogger(config.logLevel);
  const database = openDatabase(target);
  const app = await buildApp({ config, database, clock: systemClock, logger });
  await app.listen({ host: HOST, port: 0 });
  ready((app.server.address() as AddressInfo).port);
  process.once("SIGTERM", async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
} else {
  console.error("usage: response-submit-server.ts hello | app DB");
  process.exit(2);
}
