"""Where a streaming run's files come from: a watched file pattern, or a Pub/Sub
subscription of GCS object notifications. Both emit each file once, as
(path, size, modification time), the same tuples a batch run lists."""

from __future__ import annotations

import json

import apache_beam as beam
from apache_beam.io import fileio
from apache_beam.transforms.deduplicate import DeduplicatePerKey
from apache_beam.utils.timestamp import Duration


class WatchFiles(beam.PTransform):
    """Polls file patterns every ``interval`` seconds; a file already seen is not
    emitted again while the pipeline runs (MatchContinuously's deduplication)."""

    def __init__(self, patterns: list[str], interval: float):
        super().__init__()
        self.patterns = patterns
        self.interval = interval

    def expand(self, pbegin):
        matched = [pbegin | f"Watch {i}" >> fileio.MatchContinuously(
            pattern, interval=self.interval, has_deduplication=True)
            for i, pattern in enumerate(self.patterns)]
        return (matched | "Watched files" >> beam.Flatten()
                | "As tuples" >> beam.Map(
                    lambda m: (m.path, m.size_in_bytes, m.last_updated_in_seconds or 0.0)))


def notification_file(message) -> list[tuple[str, int, float]]:
    """The file of a GCS ``OBJECT_FINALIZE`` notification, else nothing."""
    attributes = getattr(message, "attributes", None) or {}
    if attributes.get("eventType", "OBJECT_FINALIZE") != "OBJECT_FINALIZE":
        return []
    data = getattr(message, "data", message)
    try:
        obj = json.loads(data)
        path = f"gs://{obj['bucket']}/{obj['name']}"
    except (ValueError, KeyError, TypeError):
        return []
    if path.endswith("/"):
        return []
    return [(path, int(obj.get("size", 0)), 0.0)]


class GcsNotifications(beam.PTransform):
    """Files announced on a Pub/Sub subscription of GCS notifications; a file
    announced again within ``dedupe_hours`` (Pub/Sub redelivers) is dropped."""

    def __init__(self, subscription: str, dedupe_hours: float = 24.0):
        super().__init__()
        self.subscription = subscription
        self.dedupe_hours = dedupe_hours

    def expand(self, pbegin):
        from apache_beam.io.gcp.pubsub import ReadFromPubSub

        return (pbegin
                | "Read notifications" >> ReadFromPubSub(subscription=self.subscription,
                                                         with_attributes=True)
                | "Announced files" >> beam.FlatMap(notification_file)
                | "Key by path" >> beam.Map(lambda f: (f[0], f))
                | "Once per file" >> DeduplicatePerKey(
                    processing_time_duration=Duration(seconds=int(self.dedupe_hours * 3600)))
                | "Files" >> beam.Values())
