// Checks that the emulator's refusals reach Microsoft's JavaScript client (@azure/event-hubs) as the
// error codes the service produces. Environment as in eventhubs-conformance.mjs, plus
//   EVENTHUBS_BAD_KEY_CONNECTION_STRING  the same endpoint with a wrong key
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.EVENTHUBS_TOOLS_DIR, "package.json"));
const { EventHubProducerClient, EventHubConsumerClient, earliestEventPosition } = require("@azure/event-hubs");

const connectionString = process.env.EVENTHUBS_CONNECTION_STRING;
const timeoutMs = Number(process.env.EVENTHUBS_TIMEOUT_MS ?? "30000");
const result = {};

const code = (error) => error?.code ?? error?.name ?? String(error);
const retryOptions = { maxRetries: 0, retryDelayInMs: 100 };

async function badKey() {
  const producer = new EventHubProducerClient(process.env.EVENTHUBS_BAD_KEY_CONNECTION_STRING, { retryOptions });
  try {
    await producer.getEventHubProperties();
    return "no error";
  } catch (error) {
    return code(error);
  } finally {
    await producer.close();
  }
}

// Subscribes to partition 0 and resolves with the first error processError sees (or "timeout").
function firstError(consumer, options) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ code: "timeout", subscription }), timeoutMs);
    const subscription = consumer.subscribe(
      "0",
      {
        processEvents: async () => {},
        processError: async (error) => {
          clearTimeout(timer);
          resolve({ code: code(error), subscription });
        },
      },
      { startPosition: earliestEventPosition, maxWaitTimeInSeconds: 1, ...options },
    );
  });
}

async function unknownConsumerGroup() {
  const consumer = new EventHubConsumerClient("nosuchgroup", connectionString, { retryOptions });
  const { code: seen, subscription } = await firstError(consumer, {});
  await subscription.close();
  await consumer.close();
  return seen;
}

async function ownerLevelTakeover() {
  const first = new EventHubConsumerClient("$Default", connectionString, { retryOptions });
  const second = new EventHubConsumerClient("$Default", connectionString, { retryOptions });
  const firstOutcome = firstError(first, { ownerLevel: 1 });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const secondSubscription = second.subscribe(
    "0",
    { processEvents: async () => {}, processError: async () => {} },
    { startPosition: earliestEventPosition, ownerLevel: 2, maxWaitTimeInSeconds: 1 },
  );
  const { code: seen, subscription } = await firstOutcome;
  await subscription.close();
  await secondSubscription.close();
  await first.close();
  await second.close();
  return seen;
}

try {
  result.badKey = await badKey();
  result.unknownConsumerGroup = await unknownConsumerGroup();
  result.ownerLevelTakeover = await ownerLevelTakeover();
} catch (error) {
  result.unexpected = String(error?.message ?? error);
}

process.stdout.write(JSON.stringify(result) + "\n");
process.exit(0);
