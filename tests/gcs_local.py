"""A real GCS API on loopback for tests: gcp-storage-emulator, plus credentials that
resolve at once and only ever talk to 127.0.0.1.

Without credentials, Beam retries Google's credential lookup for 20-30 s in every
process. A fake GCE metadata server would answer that lookup, but google-auth's
service-account and GCE credentials then look up their "regional access boundary" at
iamcredentials.googleapis.com, which is not loopback. User credentials do not, and one
that carries an access token valid until 2099 is never refreshed: so the tests use such
an ``authorized_user`` credentials file, through GOOGLE_APPLICATION_CREDENTIALS, which
Beam's worker processes inherit. Every request then goes to the emulator."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from http import HTTPStatus

ENV = ("STORAGE_EMULATOR_HOST", "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT",
       "GCE_METADATA_HOST", "GCE_METADATA_IP")


def _with_generation_preconditions():
    """gcp-storage-emulator ignores ``ifGenerationMatch``; GCS's semantics for object
    uploads and deletes, which the output lock relies on, are added to its handlers
    here: 412 when the object's generation is not the one given (0: it must not exist),
    checked and applied under one lock like GCS's atomic precondition."""
    from gcp_storage_emulator import server
    from gcp_storage_emulator.exceptions import NotFound
    from gcp_storage_emulator.handlers import objects

    if getattr(server, "_newsbeam_preconditions", False):
        return
    serial = threading.Lock()

    def guarded(handler, name_of):
        def handle(request, response, storage, *args, **kwargs):
            wanted = request.query.get("ifGenerationMatch")
            with serial:
                if wanted:
                    try:
                        current = storage.get_file_obj(request.params["bucket_name"],
                                                       name_of(request))["generation"]
                    except NotFound:
                        current = "0"
                    if str(current) != wanted[0]:
                        response.status = HTTPStatus.PRECONDITION_FAILED
                        response.json({"error": {"code": 412, "message": "conditionNotMet"}})
                        return None
                return handler(request, response, storage, *args, **kwargs)
        return handle

    def upload_name(request):
        if "name" in request.query:
            return request.query["name"][0]
        data = request.data
        return (data.get("meta") or data).get("name") if isinstance(data, dict) else None

    replacements = {
        objects.insert: guarded(objects.insert, upload_name),
        objects.delete: guarded(objects.delete, lambda r: r.params["object_id"]),
    }
    for _, methods in server.HANDLERS:
        for method, handler in list(methods.items()):
            if handler in replacements:
                methods[method] = replacements[handler]
    server._newsbeam_preconditions = True


class LocalGcs:
    def __init__(self):
        from gcp_storage_emulator.server import create_server

        _with_generation_preconditions()
        self._emulator = create_server("127.0.0.1", 0, in_memory=True)
        self._emulator.start()
        self.endpoint = f"http://127.0.0.1:{self._emulator._api._httpd.server_port}"
        self._dir = tempfile.TemporaryDirectory(prefix="newsbeam-gcs-")
        credentials = os.path.join(self._dir.name, "credentials.json")
        with open(credentials, "w") as fh:
            json.dump({"type": "authorized_user", "client_id": "test", "client_secret": "test",
                       "refresh_token": "test", "token": "test-token",
                       "expiry": "2099-01-01T00:00:00Z"}, fh)
        self._saved = {k: os.environ.get(k) for k in ENV}
        os.environ.update(
            STORAGE_EMULATOR_HOST=self.endpoint, GOOGLE_APPLICATION_CREDENTIALS=credentials,
            GOOGLE_CLOUD_PROJECT="test-project",
            # nothing may look for a GCE metadata server beyond loopback
            GCE_METADATA_HOST="127.0.0.1:9", GCE_METADATA_IP="127.0.0.1:9")

    def client(self):
        from google.cloud import storage
        return storage.Client.create_anonymous_client()

    def bucket(self, name: str):
        return self.client().create_bucket(name)

    def close(self):
        self._emulator.stop()
        self._dir.cleanup()
        for key, value in self._saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
