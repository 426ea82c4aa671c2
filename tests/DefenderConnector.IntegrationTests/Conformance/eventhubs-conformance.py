# Drives the emulator with Microsoft's Python Event Hubs client (azure-eventhub, Debian's python3-azure,
# the client FortiSIEM runs) and prints one JSON result line. Inputs come from the environment so the
# key never appears in a process list:
#   EVENTHUBS_CONNECTION_STRING          Endpoint=sb://localhost:<tls port>/;...;EntityPath=<hub>
#   EVENTHUBS_BAD_KEY_CONNECTION_STRING  the same with a wrong key (the client's own error is reported)
#   EVENTHUBS_CA_FILE                    PEM of the emulator's certificate (connection_verify)
#   EVENTHUBS_PRELOADED                  events already in partition 1 before this script runs
#   EVENTHUBS_TIMEOUT_S                  how long to wait for all events to come back
import json
import os
import sys
import threading
import time
import traceback

from azure.eventhub import EventData, EventHubConsumerClient, EventHubProducerClient

connection_string = os.environ["EVENTHUBS_CONNECTION_STRING"]
bad_key_connection_string = os.environ.get("EVENTHUBS_BAD_KEY_CONNECTION_STRING")
ca_file = os.environ["EVENTHUBS_CA_FILE"]
preloaded = int(os.environ.get("EVENTHUBS_PRELOADED", "0"))
timeout_s = float(os.environ.get("EVENTHUBS_TIMEOUT_S", "45"))
marker = "conformance-py-%d" % int(time.time() * 1000)
result = {"ok": False, "errors": []}


def describe(error):
    return {"type": type(error).__name__, "message": str(error)[:500]}


def publish(producer):
    sent = []
    batch = producer.create_batch(partition_id="0")
    for i in range(5):
        body = {"marker": marker, "index": i}
        event = EventData(json.dumps(body))
        event.properties = {"index": i}
        batch.add(event)
        sent.append(body)
    producer.send_batch(batch)

    keyed = producer.create_batch(partition_key="device-42")
    for i in range(5, 8):
        body = {"marker": marker, "index": i}
        keyed.add(EventData(json.dumps(body)))
        sent.append(body)
    producer.send_batch(keyed)
    return sent


def consume(expected):
    consumer = EventHubConsumerClient.from_connection_string(
        connection_string, consumer_group="$Default", connection_verify=ca_file)
    received = []
    lock = threading.Lock()
    done = threading.Event()

    def on_event(context, event):
        if event is None:
            return
        body = event.body_as_str()
        try:
            body = json.loads(body)
        except ValueError:
            pass
        properties = {(k.decode() if isinstance(k, bytes) else k): v for k, v in (event.properties or {}).items()}
        with lock:
            received.append({
                "partitionId": context.partition_id,
                "sequenceNumber": event.sequence_number,
                "offset": str(event.offset),
                "enqueuedTimeUtc": event.enqueued_time.isoformat() if event.enqueued_time else None,
                "partitionKey": event.partition_key.decode() if isinstance(event.partition_key, bytes) else event.partition_key,
                "body": body,
                "properties": properties or None,
            })
            if len(received) >= expected:
                done.set()

    def on_error(context, error):
        result["errors"].append(dict(partitionId=getattr(context, "partition_id", None), **describe(error)))

    worker = threading.Thread(target=consumer.receive, kwargs={
        "on_event": on_event, "on_error": on_error, "starting_position": "-1", "max_wait_time": 1}, daemon=True)
    worker.start()
    done.wait(timeout_s)
    consumer.close()
    worker.join(30)
    with lock:
        return list(received)


def wrong_key_error():
    producer = EventHubProducerClient.from_connection_string(
        bad_key_connection_string, connection_verify=ca_file, retry_total=0)
    try:
        producer.get_eventhub_properties()
        return {"type": None, "message": "no error"}
    except Exception as error:  # the client's own exception type is what this reports
        return describe(error)
    finally:
        producer.close()


try:
    producer = EventHubProducerClient.from_connection_string(connection_string, connection_verify=ca_file)
    hub = producer.get_eventhub_properties()
    result["hub"] = {"name": hub["eventhub_name"], "createdAt": hub["created_at"].isoformat()}
    result["partitionIds"] = list(hub["partition_ids"])
    p1 = producer.get_partition_properties("1")
    result["partition1"] = {
        "beginningSequenceNumber": p1["beginning_sequence_number"],
        "lastEnqueuedSequenceNumber": p1["last_enqueued_sequence_number"],
        "lastEnqueuedOffset": str(p1["last_enqueued_offset"]),
        "isEmpty": p1["is_empty"],
    }
    result["sent"] = publish(producer)
    producer.close()
    result["received"] = consume(preloaded + len(result["sent"]))
    if bad_key_connection_string:
        result["badKey"] = wrong_key_error()
    result["ok"] = True
except Exception as error:  # reported in the JSON line; the test prints it
    result["failure"] = dict(describe(error), trace=traceback.format_exc()[-3000:])

sys.stdout.write(json.dumps(result) + "\n")
sys.stdout.flush()
os._exit(0)
