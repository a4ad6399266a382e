#!/usr/bin/python3
"""SMTP catcher for the fault suite (Debian python3-aiosmtpd): accepts every message and appends one JSON line
{"group": X-Vigil-Group, "kind": X-Vigil-Kind, "subject": ...} to OUT. Usage: smtp_catcher.py PORT OUT"""
import json
import signal
import sys
import threading
from email import message_from_bytes

from aiosmtpd.controller import Controller

port, out = int(sys.argv[1]), sys.argv[2]


class Catch:
    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.content)
        with open(out, "a") as f:
            f.write(json.dumps({"group": msg.get("X-Vigil-Group"), "kind": msg.get("X-Vigil-Kind"),
                                "subject": str(msg.get("Subject")), "to": envelope.rcpt_tos}) + "\n")
        return "250 OK"


controller = Controller(Catch(), hostname="127.0.0.1", port=port)
controller.start()
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())
stop.wait()
controller.stop()
