"""The object-storage tests' S3 API server: `moto_server` (moto's own entry point, run
as a process of its own), refusing signed links the way S3 and MinIO do.

moto serves any URL that carries a signature without checking it. S3 checks a
query-string signature (SigV4) against the key's secret and refuses a link that is
altered or out of date, and that refusal is what makes a signed link safe to hand out,
so this checks it before moto answers: a wrong signature, or another key, bucket or
object than was signed, is answered 403 SignatureDoesNotMatch; a link past its
X-Amz-Expires, 403 AccessDenied "Request has expired". Everything else (the app's own
requests, signed in their Authorization header; anonymous reads, which moto checks
against the bucket policy and the object's ACL) goes to moto as it came.

    python -m tests.s3_server --port PORT   (S3_SERVER_CREDENTIALS="key:secret,...")
"""

import datetime as dt
import hashlib
import hmac
import os
import sys
from urllib.parse import parse_qsl, quote

import moto.server
from moto.moto_server.werkzeug_app import DomainDispatcherApplication

ALGORITHM = "AWS4-HMAC-SHA256"


def _secrets() -> dict[str, str]:
    pairs = os.environ.get("S3_SERVER_CREDENTIALS", "")
    return dict(pair.split(":", 1) for pair in pairs.split(",") if pair)


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def sigv4_query_signature(
    secret: str, method: str, path: str, params: list, headers: dict, scope: str, amz_date: str
) -> str:
    """The signature S3 expects on a presigned (query-string) request."""
    canonical_query = "&".join(
        f"{quote(name, safe='-_.~')}={quote(value, safe='-_.~')}"
        for name, value in sorted(params)
        if name != "X-Amz-Signature"
    )
    signed = dict(params)["X-Amz-SignedHeaders"].split(";")
    canonical_headers = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in signed)
    canonical_request = "\n".join(
        [method, path, canonical_query, canonical_headers, ";".join(signed), "UNSIGNED-PAYLOAD"]
    )
    string_to_sign = "\n".join(
        [ALGORITHM, amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    date, region, service, terminal = scope.split("/")
    key = _hmac(f"AWS4{secret}".encode(), date)
    for part in (region, service, terminal):
        key = _hmac(key, part)
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def refusal(environ) -> tuple[str, str] | None:
    """(code, message) if this is a presigned request S3 would refuse, else None."""
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI") or ""
    path, _, query = raw.partition("?")
    params = parse_qsl(query, keep_blank_values=True)
    values = dict(params)
    if "X-Amz-Signature" not in values:
        return None
    try:
        if values["X-Amz-Algorithm"] != ALGORITHM:
            return "AuthorizationQueryParametersError", "Only AWS4-HMAC-SHA256 is supported"
        access_key, scope = values["X-Amz-Credential"].split("/", 1)
        amz_date = values["X-Amz-Date"]
        signed_at = dt.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        expires = int(values["X-Amz-Expires"])
    except (KeyError, ValueError):
        return "AuthorizationQueryParametersError", "The signature's parameters are incomplete"
    secret = _secrets().get(access_key)
    if secret is None:
        return "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist"
    headers = {"host": environ.get("HTTP_HOST", "")}
    expected = sigv4_query_signature(
        secret, environ["REQUEST_METHOD"], path, params, headers, scope, amz_date
    )
    if not hmac.compare_digest(expected, values["X-Amz-Signature"]):
        return "SignatureDoesNotMatch", "The request signature we calculated does not match"
    if dt.datetime.now(dt.UTC) > signed_at + dt.timedelta(seconds=expires):
        return "AccessDenied", "Request has expired"
    return None


class SignedLinkCheckingApplication(DomainDispatcherApplication):
    def __call__(self, environ, start_response):
        refused = refusal(environ)
        if refused is None:
            return super().__call__(environ, start_response)
        code, message = refused
        body = f"<Error><Code>{code}</Code><Message>{message}</Message></Error>".encode()
        start_response("403 Forbidden", [("Content-Type", "application/xml")])
        return [body]


if __name__ == "__main__":
    moto.server.DomainDispatcherApplication = SignedLinkCheckingApplication
    moto.server.main(sys.argv[1:])
