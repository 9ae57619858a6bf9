#!/usr/bin/python3
"""Turn the staff guide into a shell script that does what it says.

Reads docs/guide.zh.md and writes, in the guide's order:

  ```sh                 each command is run; it must succeed
  ```sh exit=N          ... the last command must exit with N
  ```sh skip REASON     not run (a server, root, a real remote); the reason
                        is required
  ```text output        the output of the sh block before it, exactly
  ```LANG file=PATH     the file is written as shown (an edit in an editor)

Any other block is prose. A line of a command block ending in a backslash
continues on the next line; blank lines and comments are skipped.
Usage: guide.py GUIDE > steps.sh
"""
import re
import shlex
import sys

FENCE = re.compile(r"^```(\S*)(.*)$")


def blocks(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start = i + 1
        lang, info = m.group(1), m.group(2).strip()
        body = []
        i += 1
        while i < len(lines) and lines[i] != "```":
            body.append(lines[i])
            i += 1
        if i == len(lines):
            sys.exit(f"{path}:{start}: code block not closed")
        i += 1
        yield start, lang, info, body


def commands(body):
    out, cur = [], ""
    for line in body:
        if cur:
            cur += "\n" + line
        elif not line.strip() or line.lstrip().startswith("#"):
            continue
        else:
            cur = line
        if cur.endswith("\\"):
            continue
        out.append(cur)
        cur = ""
    if cur:
        out.append(cur)
    return out


def main():
    guide = sys.argv[1]
    emit = print
    emit("# generated from %s by tests/cli/guide.py" % guide)
    emit('fail() { echo "FAIL: $*"; exit 1; }')
    n_run = n_skip = n_file = n_out = 0
    last_sh = None
    k = 0
    for line, lang, info, body in blocks(guide):
        k += 1
        where = f"{guide}:{line}"
        if lang == "sh":
            if info.startswith("skip"):
                reason = info[4:].strip()
                if not reason:
                    sys.exit(f"{where}: a skipped block must say why")
                n_skip += 1
                last_sh = None
                continue
            m = re.fullmatch(r"(?:exit=(\d+))?", info)
            if not m:
                sys.exit(f"{where}: unknown attributes: {info}")
            want_last = int(m.group(1) or 0)
            cmds = commands(body)
            if not cmds:
                sys.exit(f"{where}: no command in a sh block")
            emit(f': >"$T/block{k}"')
            for j, c in enumerate(cmds):
                want = want_last if j == len(cmds) - 1 else 0
                n_run += 1
                shown = shlex.quote(f"{where}: {c}")
                emit(f"echo {shown}")
                emit(f'{c} >"$T/out" 2>&1 </dev/null; st=$?')
                emit(f'cat "$T/out" >>"$T/block{k}"; cat "$T/out"')
                emit(f'[ "$st" = {want} ] || fail {shown}" exited $st, not {want}"')
            last_sh = k
        elif lang == "text" and info == "output":
            if last_sh is None:
                sys.exit(f"{where}: an output block must follow a sh block that runs")
            n_out += 1
            emit(f"cat >\"$T/want\" <<'GUIDE_OUTPUT_END'")
            emit("\n".join(body))
            emit("GUIDE_OUTPUT_END")
            emit(f'diff -u "$T/want" "$T/block{last_sh}" || fail "{where}: the output differs from the guide"')
            last_sh = None
        elif re.match(r"file=", info):
            path = info[len("file="):]
            if not path or " " in path:
                sys.exit(f"{where}: bad file path: {info}")
            n_file += 1
            q = shlex.quote(path)
            emit(f"echo {shlex.quote(where + ': write ' + path)}")
            emit(f'mkdir -p "$(dirname {q})" && cat >{q} <<\'GUIDE_FILE_END\'')
            emit("\n".join(body))
            emit("GUIDE_FILE_END")
        else:
            if info:
                if lang in ("sh", "text", "yaml", "markdown") or "=" in info:
                    sys.exit(f"{where}: unknown block attributes: {lang} {info}")
            continue
    emit(f"echo 'guide: {n_run} commands run, {n_file} files written, "
         f"{n_out} outputs compared, {n_skip} blocks skipped'")


main()
