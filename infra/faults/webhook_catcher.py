#!/usr/bin/python3
"""Webhook receiver for the fault suite: answers 500 for FAIL_FOR seconds from the first POST it gets, then 200.
Appends every POST to OUT as one JSON line {"status": answered, "body": parsed JSON}.
Usage: webhook_catcher.py PORT OUT FAIL_FOR"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, out, fail_for = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
first_post = []


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not first_post:
            first_post.append(time.time())
        status = 500 if time.time() < first_post[0] + fail_for else 200
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = {"unparsed": body.decode("utf-8", "replace")}
        with open(out, "a") as f:
            f.write(json.dumps({"status": status, "body": parsed}) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
