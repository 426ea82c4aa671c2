// Drives the emulator with Microsoft's own JavaScript Event Hubs client (@azure/event-hubs) and prints
// one JSON result line. Inputs come from the environment so the key never appears in a process list:
//   EVENTHUBS_CONNECTION_STRING  connection string with EntityPath and UseDevelopmentEmulator=true
//   EVENTHUBS_TOOLS_DIR          folder whose node_modules holds @azure/event-hubs (the repo's .tools)
//   EVENTHUBS_PRELOADED          events already in the hub before this script runs
//   EVENTHUBS_TIMEOUT_MS         how long to wait for all events to come back
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.EVENTHUBS_TOOLS_DIR, "package.json"));
const { EventHubProducerClient, EventHubConsumerClient, earliestEventPosition } = require("@azure/event-hubs");

const connectionString = process.env.EVENTHUBS_CONNECTION_STRING;
const preloaded = Number(process.env.EVENTHUBS_PRELOADED ?? "0");
const timeoutMs = Number(process.env.EVENTHUBS_TIMEOUT_MS ?? "30000");
const marker = `conformance-${Date.now()}`;
const result = { ok: false, errors: [] };

function describe(error) {
  return { name: error?.name, code: error?.code, message: String(error?.message ?? error) };
}

async function publish(producer) {
  const sent = [];
  const byPartition = await producer.createBatch({ partitionId: "0" });
  for (let i = 0; i < 5; i++) {
    const body = { marker, index: i };
    if (!byPartition.tryAdd({ body, properties: { index: i } })) throw new Error("event did not fit in the batch");
    sent.push(body);
  }
  await producer.sendBatch(byPartition);

  const byKey = await producer.createBatch({ partitionKey: "device-42" });
  for (let i = 5; i < 8; i++) {
    const body = { marker, index: i };
    byKey.tryAdd({ body });
    sent.push(body);
  }
  await producer.sendBatch(byKey);
  return sent;
}

async function consume(expected) {
  const consumer = new EventHubConsumerClient("$Default", connectionString);
  const received = [];
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const subscription = consumer.subscribe(
    {
      processEvents: async (events, context) => {
        for (const event of events) {
          received.push({
            partitionId: context.partitionId,
            sequenceNumber: event.sequenceNumber,
            offset: String(event.offset),
            enqueuedTimeUtc: event.enqueuedTimeUtc?.toISOString(),
            partitionKey: event.partitionKey ?? null,
            body: event.body,
            properties: event.properties ?? null,
          });
        }
        if (received.length >= expected) done();
      },
      processError: async (error, context) => {
        result.errors.push({ partitionId: context.partitionId, ...describe(error) });
      },
    },
    { startPosition: earliestEventPosition, maxBatchSize: 100, maxWaitTimeInSeconds: 1 },
  );
  const timer = setTimeout(done, timeoutMs);
  await finished;
  clearTimeout(timer);
  await subscription.close();
  await consumer.close();
  return received;
}

try {
  const producer = new EventHubProducerClient(connectionString);
  const hub = await producer.getEventHubProperties();
  result.hub = { name: hub.name, partitionIds: hub.partitionIds, createdOn: hub.createdOn };
  result.partitionIds = await producer.getPartitionIds();
  const partition = await producer.getPartitionProperties("1");
  result.partition1 = {
    lastEnqueuedSequenceNumber: partition.lastEnqueuedSequenceNumber,
    isEmpty: partition.isEmpty,
    lastEnqueuedOffset: String(partition.lastEnqueuedOffset),
  };
  result.sent = await publish(producer);
  await producer.close();
  result.received = await consume(preloaded + result.sent.length);
  result.ok = true;
} catch (error) {
  result.errors.push(describe(error));
}

process.stdout.write(JSON.stringify(result) + "\n");
process.exit(0);
