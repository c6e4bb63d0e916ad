// `npm run worker:health [-- --host <name>]`: exit 0 when a worker on this host (the container's
// hostname by default) wrote a fresh heartbeat and its Docker Engine answers; exit 1 otherwise.
// Meant for the worker container's HEALTHCHECK; it reads Redis only.
import { once } from "node:events";
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { openRedis } from "../contract/connections";
import { runnerSettings } from "../settings";
import { workerHealth } from "../worker/health-check";

const { values } = parseArgs({ options: { host: { type: "string" } } });
const settings = runnerSettings();
// A producer connection fails fast instead of waiting out an outage: Redis down is unhealthy too.
const redis = openRedis("producer", settings.REDIS_URL);
const { healthy, lines } = await once(redis, "ready")
  .then(() => workerHealth(redis, settings.RUNNER_QUEUE_PREFIX ?? "bull", values.host ?? hostname()))
  .catch((error: unknown) => ({ healthy: false, lines: [`Redis cannot be read: ${(error as Error).message}`] }))
  .finally(() => redis.disconnect());
for (const line of lines) console.log(line);
process.exit(healthy ? 0 : 1);
