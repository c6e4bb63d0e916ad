"""Stockroom inventory API: reference solution in Python 3 (standard library only)."""

import json
import os
import re
import sys
import threading
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

PORT = int(os.environ.get("PORT", "3000"))
MAX_BODY_BYTES = 64 * 1024

CATEGORIES = ["hardware", "software", "office", "furniture", "other"]
SORT_KEYS = ["sku", "name", "quantity", "priceCents", "createdAt"]
FIELDS = ["sku", "name", "quantity", "priceCents", "category"]
SKU_PATTERN = re.compile(r"^[A-Z0-9-]{3,20}\Z")
INTEGER_PATTERN = re.compile(r"^-?[0-9]+\Z")
ITEM_PATH = re.compile(r"^/items/([^/]+)\Z")

# One lock guards both maps: every read-check-write on them happens while holding it.
lock = threading.Lock()
items = {}
skus = {}


class HttpProblem(Exception):
    def __init__(self, status, title, detail=None, extra=None, headers=None):
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.extra = extra or {}
        self.headers = headers or {}


def validation_problem(errors):
    return HttpProblem(400, "Invalid request", "One or more fields are invalid.", {"errors": errors})


def not_found(what):
    return HttpProblem(404, "Not found", f"There is no {what}.")


def method_not_allowed(allowed):
    return HttpProblem(405, "Method not allowed", f"Allowed: {', '.join(allowed)}.", headers={"Allow": ", ".join(allowed)})


def now_iso():
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def field_error(field, value):
    if field == "sku":
        ok = isinstance(value, str) and SKU_PATTERN.match(value)
        return None if ok else "must be 3-20 characters of A-Z, 0-9 and -"
    if field == "name":
        ok = isinstance(value, str) and value.strip() != "" and len(value) <= 100
        return None if ok else "must be a non-blank string of at most 100 characters"
    if field == "quantity":
        ok = is_integer(value) and 0 <= value <= 1_000_000
        return None if ok else "must be an integer from 0 to 1000000"
    if field == "priceCents":
        ok = is_integer(value) and 0 <= value <= 100_000_000
        return None if ok else "must be an integer from 0 to 100000000"
    if field == "category":
        ok = isinstance(value, str) and value in CATEGORIES
        return None if ok else "must be one of " + ", ".join(CATEGORIES)
    return "is not a known field"


def validate_item_body(body, partial):
    errors = [{"field": f, "message": "is not a known field"} for f in body if f not in FIELDS]
    for field in FIELDS:
        if field not in body:
            if not partial:
                errors.append({"field": field, "message": "is required"})
            continue
        message = field_error(field, body[field])
        if message:
            errors.append({"field": field, "message": message})
    if partial and not body:
        errors.append({"field": "body", "message": "must contain at least one field"})
    if errors:
        raise validation_problem(errors)


def parse_list_query(query):
    params = {name: values[0] for name, values in parse_qs(query, keep_blank_values=True).items()}
    errors = []

    def integer(name, fallback, low, high):
        raw = params.get(name)
        if raw is None:
            return fallback
        value = int(raw) if INTEGER_PATTERN.match(raw) else None
        if value is None or value < low or value > high:
            errors.append({"field": name, "message": f"must be an integer from {low} to {high}"})
        return value

    limit = integer("limit", 20, 1, 100)
    offset = integer("offset", 0, 0, 2**53 - 1)
    category = params.get("category")
    if category is not None and category not in CATEGORIES:
        errors.append({"field": "category", "message": "must be one of " + ", ".join(CATEGORIES)})
    in_stock = params.get("inStock")
    if in_stock is not None and in_stock not in ("true", "false"):
        errors.append({"field": "inStock", "message": "must be true or false"})
    sort = params.get("sort", "sku")
    descending = sort.startswith("-")
    sort_key = sort[1:] if descending else sort
    if sort_key not in SORT_KEYS:
        errors.append({"field": "sort", "message": "must be one of " + ", ".join(SORT_KEYS) + ", optionally prefixed with -"})
    q = params.get("q")
    if q is not None and len(q) > 100:
        errors.append({"field": "q", "message": "must be at most 100 characters"})
    if errors:
        raise validation_problem(errors)
    return limit, offset, category, in_stock, sort_key, descending, q


def list_items(query):
    limit, offset, category, in_stock, sort_key, descending, q = parse_list_query(query)
    needle = q.lower() if q else None
    with lock:
        matching = [
            dict(item)
            for item in items.values()
            if (not needle or needle in item["name"].lower())
            and (category is None or item["category"] == category)
            and (in_stock is None or (item["quantity"] > 0 if in_stock == "true" else item["quantity"] == 0))
        ]
    # Two stable sorts: by sku first, then by the key, so ties keep sku ascending in either direction.
    matching.sort(key=lambda item: item["sku"])
    matching.sort(key=lambda item: item[sort_key], reverse=descending)
    return {"items": matching[offset : offset + limit], "total": len(matching), "limit": limit, "offset": offset}


def create_item(body):
    validate_item_body(body, partial=False)
    with lock:
        if body["sku"] in skus:
            raise HttpProblem(409, "Conflict", f"An item with SKU {body['sku']} already exists.")
        now = now_iso()
        item = {"id": str(uuid.uuid4()), **{f: body[f] for f in FIELDS}, "createdAt": now, "updatedAt": now}
        items[item["id"]] = item
        skus[item["sku"]] = item["id"]
        return dict(item)


def get_item(item_id):
    with lock:
        item = items.get(item_id)
        if item is None:
            raise not_found(f"item {item_id}")
        return dict(item)


def update_item(item_id, body):
    validate_item_body(body, partial=True)
    with lock:
        item = items.get(item_id)
        if item is None:
            raise not_found(f"item {item_id}")
        new_sku = body.get("sku")
        if new_sku is not None and new_sku != item["sku"]:
            if new_sku in skus:
                raise HttpProblem(409, "Conflict", f"An item with SKU {new_sku} already exists.")
            del skus[item["sku"]]
            skus[new_sku] = item_id
        for field in FIELDS:
            if field in body:
                item[field] = body[field]
        item["updatedAt"] = now_iso()
        return dict(item)


def delete_item(item_id):
    with lock:
        item = items.pop(item_id, None)
        if item is None:
            raise not_found(f"item {item_id}")
        del skus[item["sku"]]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Stockroom"
    sys_version = ""

    def log_message(self, format, *args):
        pass

    def send_body(self, status, body, content_type, headers=None):
        data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else b""
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_problem(self, problem):
        body = {"type": "about:blank", "title": problem.title, "status": problem.status}
        if problem.detail:
            body["detail"] = problem.detail
        body.update(problem.extra)
        self.send_body(problem.status, body, "application/problem+json", problem.headers)

    def read_raw_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            raise validation_problem([{"field": "body", "message": f"must be at most {MAX_BODY_BYTES} bytes"}])
        return self.rfile.read(length) if length > 0 else b""

    def json_object(self, raw):
        media_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media_type != "application/json":
            raise HttpProblem(415, "Unsupported media type", "Send the body as application/json.")
        try:
            value = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise validation_problem([{"field": "body", "message": "is not valid JSON"}]) from None
        if not isinstance(value, dict):
            raise validation_problem([{"field": "body", "message": "must be a JSON object"}])
        return value

    def handle_request(self):
        try:
            # Read the body first, whatever the outcome: an unread body would corrupt the next
            # request on this keep-alive connection.
            raw = self.read_raw_body()
            self.route(raw)
        except HttpProblem as problem:
            self.send_problem(problem)
        except Exception as error:  # noqa: BLE001 - the client must get a problem, not a traceback
            print(f"internal error: {error!r}", file=sys.stderr)
            self.send_problem(HttpProblem(500, "Internal server error"))

    def route(self, raw):
        url = urlsplit(self.path)
        method = self.command
        if url.path == "/health":
            if method != "GET":
                raise method_not_allowed(["GET"])
            return self.send_body(200, {"status": "ok"}, "application/json")
        if url.path == "/items":
            if method == "GET":
                return self.send_body(200, list_items(url.query), "application/json")
            if method == "POST":
                item = create_item(self.json_object(raw))
                return self.send_body(201, item, "application/json", {"Location": f"/items/{item['id']}"})
            raise method_not_allowed(["GET", "POST"])
        match = ITEM_PATH.match(url.path)
        if match:
            item_id = unquote(match.group(1))
            if method == "GET":
                return self.send_body(200, get_item(item_id), "application/json")
            if method == "PATCH":
                with lock:
                    exists = item_id in items
                if not exists:
                    raise not_found(f"item {item_id}")
                return self.send_body(200, update_item(item_id, self.json_object(raw)), "application/json")
            if method == "DELETE":
                delete_item(item_id)
                return self.send_body(204, None, "")
            raise method_not_allowed(["GET", "PATCH", "DELETE"])
        raise not_found(f"resource at {url.path}")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_request


def main():
    server = ThreadingHTTPServer(("0.0.0.0", PORT), Handler)
    server.daemon_threads = True
    print(f"Stockroom listening on port {PORT}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
