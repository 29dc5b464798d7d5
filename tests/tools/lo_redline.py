"""Opens a DOCX in LibreOffice (headless, through UNO) and reports its tracked changes.

    lo_redline.py FILE.docx OUTDIR

prints one JSON object: {"redlines": [{"type", "author", "date"}...]} and writes
OUTDIR/accepted.txt (every change accepted) and OUTDIR/rejected.txt (every change rejected),
as LibreOffice's own text export. Run with Debian's python3 (it has the `uno` module of the
python3-uno package), not a virtual environment's.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    path, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = "kehoach_redline_%d" % os.getpid()
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "-env:UserInstallation=file://" + profile,
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.25)
        if ctx is None:
            raise SystemExit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        url = uno.systemPathToFileUrl(path)

        def load():
            return desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))

        report = {"redlines": []}
        doc = load()
        e = doc.Redlines.createEnumeration()
        while e.hasMoreElements():
            r = e.nextElement()
            d = r.RedlineDateTime
            report["redlines"].append(
                {
                    "type": r.RedlineType,
                    "author": r.RedlineAuthor,
                    "date": "%04d-%02d-%02d" % (d.Year, d.Month, d.Day),
                }
            )
        for action, name in ((".uno:AcceptAllTrackedChanges", "accepted"), (".uno:RejectAllTrackedChanges", "rejected")):
            if doc is None:
                doc = load()
            frame = doc.getCurrentController().getFrame()
            dispatcher.executeDispatch(frame, action, "", 0, ())
            target = uno.systemPathToFileUrl(os.path.join(out, name + ".txt"))
            doc.storeToURL(target, (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")))
            doc.close(True)
            doc = None
        print(json.dumps(report))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.terminate()
        try:
            office.wait(20)
        except Exception:
            office.kill()


if __name__ == "__main__":
    main()
