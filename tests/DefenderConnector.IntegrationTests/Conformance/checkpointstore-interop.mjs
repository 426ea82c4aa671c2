// Microsoft's JavaScript Event Hubs processor (EventHubConsumerClient with @azure/eventhubs-checkpointstore-blob)
// sharing an Azure Storage container (Azurite) with the connector. Prints one JSON result line.
// Inputs come from the environment so no key appears in a process list:
//   EVENTHUBS_CONNECTION_STRING  the hub's connection string (EntityPath, UseDevelopmentEmulator=true)
//   STORAGE_CONNECTION_STRING    the storage account's connection string
//   STORAGE_CONTAINER            the container holding checkpoints and ownership
//   EVENTHUBS_TOOLS_DIR          folder whose node_modules holds the npm packages (the repo's .tools)
//   INTEROP_MODE                 "checkpoint": read from the stored checkpoints (earliest without one) and checkpoint
//                                the event at INTEROP_STOP_AT on every partition, then stop;
//                                "resume": read from the stored checkpoints until INTEROP_EXPECT events per partition arrived
//   INTEROP_PARTITIONS           how many partitions the hub has
//   INTEROP_TIMEOUT_MS           how long to wait
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.EVENTHUBS_TOOLS_DIR, "package.json"));
const { EventHubConsumerClient, earliestEventPosition } = require("@azure/event-hubs");
const { BlobCheckpointStore } = require("@azure/eventhubs-checkpointstore-blob");
const { ContainerClient } = require("@azure/storage-blob");

const mode = process.env.INTEROP_MODE;
const partitions = Number(process.env.INTEROP_PARTITIONS);
const stopAt = Number(process.env.INTEROP_STOP_AT ?? "-1");
const expect = Number(process.env.INTEROP_EXPECT ?? "0");
const timeoutMs = Number(process.env.INTEROP_TIMEOUT_MS ?? "60000");
const result = { ok: false, errors: [], received: {}, checkpointed: {}, fullyQualifiedNamespace: null };

const container = new ContainerClient(process.env.STORAGE_CONNECTION_STRING, process.env.STORAGE_CONTAINER);
const store = new BlobCheckpointStore(container);
const client = new EventHubConsumerClient("$Default", process.env.EVENTHUBS_CONNECTION_STRING, store, {
  loadBalancingOptions: { strategy: "greedy", updateIntervalInMs: 1000, partitionOwnershipExpirationIntervalInMs: 10000 },
});
result.fullyQualifiedNamespace = client.fullyQualifiedNamespace;

let done;
const finished = new Promise((resolve) => (done = resolve));
const complete = () => {
  const ids = Object.keys(mode === "checkpoint" ? result.checkpointed : result.received);
  if (mode === "checkpoint" && ids.length === partitions) done();
  if (mode === "resume" && ids.length === partitions && ids.every((id) => result.received[id].length >= expect)) done();
};

const subscription = client.subscribe(
  {
    processEvents: async (events, context) => {
      for (const event of events) {
        (result.received[context.partitionId] ??= []).push(event.sequenceNumber);
        if (mode === "checkpoint" && event.sequenceNumber === stopAt) {
          await context.updateCheckpoint(event);
          result.checkpointed[context.partitionId] = { sequenceNumber: event.sequenceNumber, offset: String(event.offset) };
        }
      }
      complete();
    },
    processError: async (error, context) => {
      result.errors.push({ partitionId: context.partitionId, name: error?.name, message: String(error?.message ?? error) });
    },
  },
  { startPosition: earliestEventPosition, maxBatchSize: 50, maxWaitTimeInSeconds: 1 },
);

const timer = setTimeout(() => {
  result.errors.push({ name: "Timeout", message: `not finished within ${timeoutMs} ms` });
  done();
}, timeoutMs);
await finished;
clearTimeout(timer);
await subscription.close();
await client.close();
result.ok = result.errors.every((e) => e.name !== "Timeout");
process.stdout.write(JSON.stringify(result) + "\n");
process.exit(0);
