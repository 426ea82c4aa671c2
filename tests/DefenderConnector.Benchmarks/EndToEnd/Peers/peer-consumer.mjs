// Parse-only peer for the end-to-end harness: Microsoft's JavaScript Event Hubs client (@azure/event-hubs)
// reads every partition of the hub from the start to the tail it saw when it began, JSON-parses each
// body and counts the Defender records. Prints one JSON line: records, bytes, the CPU it spent reading
// (client creation to the last event, so interpreter start and module load excluded); peak RSS is read from outside.
// Inputs come from the environment so the key never appears in a process list:
//   PEER_CONNECTION_STRING  Endpoint=sb://<host>:5671/;...;EntityPath=<hub> (TLS; trust via NODE_EXTRA_CA_CERTS)
//   PEER_TOOLS_DIR          folder whose node_modules holds @azure/event-hubs
//   PEER_PREFETCH           events per receive batch (the client's prefetch follows it)
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.PEER_TOOLS_DIR, "package.json"));
const { EventHubConsumerClient, earliestEventPosition } = require("@azure/event-hubs");

const prefetch = Number(process.env.PEER_PREFETCH || "300");
const cpuAtStart = process.cpuUsage();
const wallAtStart = process.hrtime.bigint();
const client = new EventHubConsumerClient("$Default", process.env.PEER_CONNECTION_STRING);
const tails = new Map();
for (const id of await client.getPartitionIds()) {
  const props = await client.getPartitionProperties(id);
  if (!props.isEmpty) tails.set(id, props.lastEnqueuedSequenceNumber);
}

let records = 0;
let bytes = 0;
const caughtUp = new Set();
await new Promise((resolve, reject) => {
  const subscription = client.subscribe(
    {
      processEvents: async (events, context) => {
        for (const event of events) {
          const body = event.body;
          bytes += body.length;
          const parsed = JSON.parse(body);
          records += Array.isArray(parsed.records) ? parsed.records.length : 1;
          if (event.sequenceNumber >= tails.get(context.partitionId)) caughtUp.add(context.partitionId);
        }
        if (caughtUp.size === tails.size) subscription.close().then(resolve, reject);
      },
      processError: async (error) => reject(error),
    },
    { startPosition: earliestEventPosition, maxBatchSize: prefetch, maxWaitTimeInSeconds: 1, skipParsingBodyAsJson: true },
  );
  if (tails.size === 0) subscription.close().then(resolve, reject);
});
await client.close();
const cpu = process.cpuUsage(cpuAtStart);
console.log(JSON.stringify({
  records,
  bytes,
  readCpuSeconds: (cpu.user + cpu.system) / 1e6,
  readSeconds: Number(process.hrtime.bigint() - wallAtStart) / 1e9,
}));
