#!/usr/bin/env python3
"""Runs a command and prints `seconds peak_bytes`: its wall time and the peak resident memory
of its whole process tree (the batch and every worker it starts), sampled from /proc every
20 ms. GNU time sees only the parent, and a batch's work is in its workers."""
import os
import subprocess
import sys
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def kids(pid):
    """The children of `pid`, from /proc/PID/task/*/children (cheap: no scan of /proc)."""
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return out


def tree_rss(root):
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(kids(pid))
    return total


def main():
    t0 = time.monotonic()
    p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    peak = 0
    while p.poll() is None:
        peak = max(peak, tree_rss(p.pid))
        time.sleep(0.02)
    seconds = time.monotonic() - t0
    print(f"{seconds:.3f} {peak}")
    sys.exit(p.returncode)


if __name__ == "__main__":
    main()
