"""Object storage for the tests: an S3 API server of their own (moto's, tests/s3_server.py)
and the production storages configured against it (labourhub.settings.object_storage),
with fresh buckets for each test. The `s3_server` and `object_storage` fixtures
(tests/conftest.py) use these."""

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import requests
from botocore.config import Config

from labourhub.settings.object_storage import ObjectStorage, object_storage
from labourhub.varnish import free_port
from tests.helpers import eventually

ROOT = Path(__file__).resolve().parent.parent
MEDIA_BUCKET_POLICY = ROOT / "deploy" / "minio" / "media-bucket-policy.json"
# The bucket name the deployment's policy is written for (docker-compose.yml).
DEPLOYED_MEDIA_BUCKET = "labourhub-media"
ACCESS_KEY = "labourhub-test-key"
SECRET_KEY = "labourhub-test-secret"  # noqa: S105 - moto's, for this test server only


@dataclass
class S3Server:
    url: str
    process: subprocess.Popen

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="us-east-1",
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )


def start_s3_server(log_path: Path) -> S3Server:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "tests.s3_server", "--port", str(port)],
            cwd=ROOT,
            env={**os.environ, "S3_SERVER_CREDENTIALS": f"{ACCESS_KEY}:{SECRET_KEY}"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = S3Server(url=url, process=process)
    if not eventually(lambda: process.poll() is not None or _answers(url), timeout=60):
        stop_s3_server(server)
        raise RuntimeError(f"the S3 server did not start; see {log_path}")
    if process.poll() is not None:
        raise RuntimeError(f"the S3 server stopped at start-up; see {log_path}")
    return server


def _answers(url: str) -> bool:
    try:
        return requests.get(f"{url}/moto-api/", timeout=2).status_code == 200
    except requests.ConnectionError:
        return False


def stop_s3_server(server: S3Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def media_bucket_policy(bucket: str) -> str:
    """The deployment's media bucket policy (deploy/minio/), for `bucket`."""
    return MEDIA_BUCKET_POLICY.read_text().replace(DEPLOYED_MEDIA_BUCKET, bucket)


@dataclass
class ObjectStorageUnderTest:
    server: S3Server
    config: ObjectStorage
    media_bucket: str
    private_bucket: str

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        listing = self.server.client().list_objects_v2(Bucket=bucket, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def unsigned_url(self, bucket: str, key: str) -> str:
        """The object's plain address at the S3 API, as anyone could try it."""
        return f"{self.server.url}/{bucket}/{key}"


def object_storage_for_test(server: S3Server, **options) -> ObjectStorageUnderTest:
    """Two new buckets, the media bucket with the deployment's policy, and the STORAGES
    entries production would make for them."""
    run = uuid.uuid4().hex[:12]
    media_bucket, private_bucket = f"media-{run}", f"private-{run}"
    client = server.client()
    client.create_bucket(Bucket=media_bucket)
    client.create_bucket(Bucket=private_bucket)
    client.put_bucket_policy(Bucket=media_bucket, Policy=media_bucket_policy(media_bucket))
    config = object_storage(
        media_bucket=media_bucket,
        private_bucket=private_bucket,
        endpoint_url=server.url,
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        **options,
    )
    return ObjectStorageUnderTest(
        server=server, config=config, media_bucket=media_bucket, private_bucket=private_bucket
    )
