# Parse-only peer for the end-to-end harness: Microsoft's Python Event Hubs SDK (azure-eventhub, Debian's
# python3-azure) reads every partition from the start to the tail it saw when it began, json.loads each
# body and counts the Defender records. Prints one JSON line: records, bytes, the CPU it spent reading
# (client creation to the last event, so interpreter start and imports excluded); peak RSS is read from outside.
# Inputs come from the environment so the key never appears in a process list:
#   PEER_CONNECTION_STRING  Endpoint=sb://<host>/;...;EntityPath=<hub> (the SDK always dials 5671 over TLS)
#   PEER_CA_FILE            PEM of the emulator's certificate (connection_verify)
#   PEER_PREFETCH           events per receive batch and prefetch
import json
import os
import threading
import time

from azure.eventhub import EventHubConsumerClient

prefetch = int(os.environ.get("PEER_PREFETCH", "300"))
cpu_at_start = time.process_time()
wall_at_start = time.monotonic()
client = EventHubConsumerClient.from_connection_string(
    os.environ["PEER_CONNECTION_STRING"], consumer_group="$Default", connection_verify=os.environ["PEER_CA_FILE"])
tails = {}
for pid in client.get_partition_ids():
    props = client.get_partition_properties(pid)
    if not props["is_empty"]:
        tails[pid] = props["last_enqueued_sequence_number"]

lock = threading.Lock()
counts = {"records": 0, "bytes": 0}
caught_up = set()
done = threading.Event()
failures = []


def on_event_batch(context, events):
    records = 0
    size = 0
    last = None
    for event in events:
        body = event.body_as_str()
        size += len(body)
        parsed = json.loads(body)
        records += len(parsed["records"]) if isinstance(parsed.get("records"), list) else 1
        last = event.sequence_number
    with lock:
        counts["records"] += records
        counts["bytes"] += size
        if last is not None and last >= tails[context.partition_id]:
            caught_up.add(context.partition_id)
        if len(caught_up) == len(tails):
            done.set()


def on_error(context, error):
    failures.append("%s: %s" % (type(error).__name__, str(error)[:300]))
    done.set()


if tails:
    worker = threading.Thread(target=client.receive_batch, kwargs={
        "on_event_batch": on_event_batch, "on_error": on_error, "starting_position": "-1",
        "max_batch_size": prefetch, "prefetch": prefetch, "max_wait_time": 1})
    worker.start()
    done.wait()
    client.close()
    worker.join()
else:
    client.close()

print(json.dumps({
    "records": counts["records"],
    "bytes": counts["bytes"],
    "readCpuSeconds": time.process_time() - cpu_at_start,
    "readSeconds": time.monotonic() - wall_at_start,
    "errors": failures,
}))
