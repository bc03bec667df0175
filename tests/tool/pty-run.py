#!/usr/bin/python3
# pty-run.py COMMAND [ARG...]: runs COMMAND with its standard output and
# standard error on a pseudo-terminal (what a person at a terminal gives
# it), its standard input from ours, and copies everything it wrote to our
# standard output, byte for byte (the pty turns "\n" into "\r\n"). Exits
# with COMMAND's exit status. For the tests of colour and NO_COLOR.
import os
import subprocess
import sys

master, slave = os.openpty()
proc = subprocess.Popen(sys.argv[1:], stdout=slave, stderr=slave, close_fds=True)
os.close(slave)
out = bytearray()
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the other side is closed
        break
    if not chunk:
        break
    out += chunk
os.close(master)
sys.stdout.buffer.write(bytes(out))
sys.exit(proc.wait())
