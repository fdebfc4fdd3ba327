#!/usr/bin/env python3
"""Benchmark setup (not timed): writes the local scope (.bit/packages) and .bitmap of a workspace whose components
src/cNNN (a chain: each depends on the previous one) are "tagged" without running MSBuild N times in a row.

Each package has the layout 'dotnet bit tag' gives it (OPC parts, nuspec with bitlocal.* dependencies, lib/ build output,
bit/src/ with the component's real source files, bit/component.json) and the content hash BitBuild computes from the
sources on disk, so export sees ordinary, unmodified, staged components. The lib/ dll is real build output, packed once
from a template project.

usage: make_local_packages.py WORKSPACE N DLL [--bump INDEX]   (--bump: add version 0.0.2 of component INDEX only)
"""
import hashlib, json, os, sys, zipfile

ws, n, dll = sys.argv[1], int(sys.argv[2]), sys.argv[3]
bump = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--bump" else None
STAMP = (2026, 11, 25, 16, 0, 0)
TIME = "2026-11-25T16:00:00Z"
dll_bytes = open(dll, "rb").read()


def content_hash(folder):
    # Hashing/ContentHash: SHA-256 over (relative path, NUL, SHA-256 of the bytes) in ordinal path order.
    files = sorted(f for f in os.listdir(folder) if os.path.isfile(os.path.join(folder, f)))
    total = hashlib.sha256()
    for f in files:
        total.update(f.encode("utf-8") + b"\0" + hashlib.sha256(open(os.path.join(folder, f), "rb").read()).digest())
    return "sha256:" + total.hexdigest(), files


def package(i, version, dep_version):
    cid = "c%03d" % i
    folder = os.path.join(ws, "src", cid)
    h, files = content_hash(folder)
    pid = "bitlocal." + cid
    deps = [] if i == 0 else [{"id": "c%03d" % (i - 1), "version": dep_version, "scope": None, "packageId": "bitlocal.c%03d" % (i - 1)}]
    manifest = {"id": cid, "version": version, "hash": h, "message": "bench", "time": "2026-11-25T16:00:00+00:00",
                "scope": None, "packageId": pid, "dependencies": deps}
    dep_xml = "".join('<dependency id="%s" version="%s" exclude="Build,Analyzers" />' % (d["packageId"], d["version"]) for d in deps)
    nuspec = ('\ufeff<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">\n'
              '  <metadata>\n    <id>%s</id>\n    <version>%s</version>\n    <authors>bench</authors>\n    <description>bench</description>\n'
              '    <dependencies>\n      <group targetFramework="net10.0">%s</group>\n    </dependencies>\n  </metadata>\n</package>') % (pid, version, dep_xml)
    rels = ('<?xml version="1.0" encoding="utf-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n'
            '  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/%s.nuspec" Id="R1" />\n'
            '  <Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="/package/services/metadata/core-properties/nuget.psmdcp" Id="R2" />\n</Relationships>') % pid
    psmdcp = ('<?xml version="1.0" encoding="utf-8"?>\n<coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" '
              'xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">\n  <dc:creator>bench</dc:creator>\n'
              '  <dc:identifier>%s</dc:identifier>\n  <version>%s</version>\n</coreProperties>') % (pid, version)
    types = ('<?xml version="1.0" encoding="utf-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
             '<Default Extension="psmdcp" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />'
             '<Default Extension="cs" ContentType="application/octet" /><Default Extension="csproj" ContentType="application/octet" />'
             '<Default Extension="dll" ContentType="application/octet" /><Default Extension="json" ContentType="application/octet" />'
             '<Default Extension="nuspec" ContentType="application/octet" /></Types>')
    out = os.path.join(ws, ".bit", "packages", cid, version)
    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(os.path.join(out, "%s.%s.nupkg" % (pid, version)), "w", zipfile.ZIP_DEFLATED) as z:
        def add(name, data):
            z.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_DEFLATED)
        add("_rels/.rels", rels)
        add(pid + ".nuspec", nuspec.encode("utf-8"))
        add("bit/component.json", json.dumps(manifest, indent=2) + "\n")
        for f in files:
            add("bit/src/" + f, open(os.path.join(folder, f), "rb").read())
        add("lib/net10.0/C%03d.dll" % i, dll_bytes)
        add("[Content_Types].xml", types)
        add("package/services/metadata/core-properties/nuget.psmdcp", psmdcp)
    return cid, {"dependencies": {d["id"]: d["version"] for d in deps}, "exportedTo": [], "hash": h, "message": "bench", "time": TIME, "version": version}


bitmap_path = os.path.join(ws, ".bitmap")
if bump is None:
    components = {}
    for i in range(n):
        cid, entry = package(i, "0.0.1", "0.0.1")
        components[cid] = {"project": "src/%s/C%03d.csproj" % (cid, i), "versions": [entry]}
    bitmap = {"format": 1, "components": components}
else:
    bitmap = json.load(open(bitmap_path))
    cid, entry = package(bump, "0.0.2", "0.0.1")
    bitmap["components"][cid]["versions"].append(entry)
with open(bitmap_path, "w") as f:
    f.write(json.dumps(bitmap, indent=2, sort_keys=True) + "\n")
