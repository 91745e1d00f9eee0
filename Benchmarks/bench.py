#!/usr/bin/env python3
"""The measuring half of Benchmarks/run.sh (which builds the tools first); stdlib only.

    bench.py --sitegen BIN --floor BIN [--hugo BIN] [--cache DIR] [--seed S] [--runs R] N...

For each N: makes (or reuses) the corpus, then times with /usr/bin/time -v
  - sitegen: a full build into a fresh folder, a rebuild with no change, a rebuild after
    one article was edited (a sentence appended);
  - the cmark floor (cmark-floor: every body rendered by libcmark alone, one core);
  - hugo (when given): a full build of the same corpus into a fresh folder.
Each figure is the median of R timed runs (default 3) after one untimed warm-up run.
Prints one table per N, the ratios, the targets of issue 6, and writes the figures as
JSON into the cache folder.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def file_hash(*paths):
    digest = hashlib.sha256()
    for path in paths:
        for root, dirs, files in os.walk(path) if os.path.isdir(path) else [("", [], [path])]:
            dirs.sort()
            for name in sorted(files):
                with open(os.path.join(root, name), "rb") as f:
                    digest.update(name.encode() + b"\0" + f.read())
    return digest.hexdigest()[:10]


# -- measuring ---------------------------------------------------------------------------

class Failed(Exception):
    pass


def busy_seconds():
    """CPU seconds all cores have spent busy since boot (from /proc/stat)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v. Returns wall, cpu (user+sys) seconds, peak RSS (MB), stdout."""
    load = os.getloadavg()[0]
    with tempfile.NamedTemporaryFile(prefix="bench-time-", dir="/tmp") as report:
        busy = busy_seconds()
        start = time.perf_counter()
        process = subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + cmd,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=dict(os.environ, **(env or {})))
        wall = time.perf_counter() - start
        busy = busy_seconds() - busy
        text = open(report.name).read()
    if process.returncode != 0:
        raise Failed(f"{' '.join(cmd)} exited with {process.returncode}:\n{process.stdout}{process.stderr}")

    def field(label):
        match = re.search(re.escape(label) + r":\s*([0-9.:]+)", text)
        if not match:
            raise Failed(f"/usr/bin/time -v printed no '{label}':\n{text}")
        return match.group(1)

    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    # CPU time other processes took on this machine while the command ran: contention.
    return {"wall": wall, "cpu": cpu, "rss_mb": int(field("Maximum resident set size (kbytes)")) / 1024,
            "load": load, "other_cpu": max(0.0, busy - cpu), "stdout": process.stdout + process.stderr}


def median_of(runs):
    return {key: statistics.median(run[key] for run in runs) for key in ("wall", "cpu", "rss_mb")} | {
        "runs": [{k: round(v, 4) for k, v in run.items() if k != "stdout"} for run in runs]}


def repeat(count, prepare, cmd, what, env=None):
    runs = []
    for index in range(count):
        prepare(index)
        run = timed(cmd, env)
        log(f"  {what} #{index + 1}: {run['wall']:.3f} s wall, {run['cpu']:.3f} s CPU, {run['rss_mb']:.0f} MB"
            f" (other processes used {run['other_cpu']:.2f} s CPU meanwhile)")
        runs.append(run)
    return runs


# -- the corpus --------------------------------------------------------------------------

COPIED_FROM = 10000  # sizes above this, in multiples of it, are this corpus copied


def corpus(cache, n, seed):
    """The cached sitegen site for N and seed, with the repository's current templates.
    Above COPIED_FROM articles (in multiples of it) the corpus of COPIED_FROM is copied
    N / COPIED_FROM times (`x-copy2.md`, ...; their links still point into the first copy),
    as issue 17 measured 100,000: generating it would take longer than building it."""
    key = file_hash(os.path.join(HERE, "make-corpus.py"))
    site = os.path.join(cache, f"corpus-n{n}-s{seed}-{key}")
    if not os.path.exists(os.path.join(site, ".complete")):
        shutil.rmtree(site, ignore_errors=True)
        if n > COPIED_FROM and n % COPIED_FROM == 0:
            base = corpus(cache, COPIED_FROM, seed)
            log(f"copying the {COPIED_FROM}-article corpus {n // COPIED_FROM} times into {site}")
            shutil.copytree(base, site)
            articles = os.path.join(site, "content", "articles")
            originals = sorted(name for name in os.listdir(articles) if name.endswith(".md"))
            for copy in range(2, n // COPIED_FROM + 1):
                for name in originals:
                    shutil.copyfile(os.path.join(articles, name), os.path.join(articles, f"{name[:-3]}-copy{copy}.md"))
        else:
            log(f"generating {n} articles (seed {seed}) into {site}")
            subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), str(n), site, "--seed", str(seed)],
                           check=True)
        open(os.path.join(site, ".complete"), "w").close()
    # The theme is work in progress: always build with the repository's current one.
    shutil.rmtree(os.path.join(site, "templates"))
    shutil.copytree(os.path.join(REPO, "templates"), os.path.join(site, "templates"))
    return site


def hugo_site(cache, site, n, seed):
    key = file_hash(os.path.join(HERE, "make-corpus.py"), os.path.join(HERE, "corpus-to-hugo.py"),
                    os.path.join(HERE, "hugo-site"), os.path.join(site, "templates", "assets"))
    folder = os.path.join(cache, f"hugo-n{n}-s{seed}-{key}")
    if not os.path.exists(os.path.join(folder, ".complete")):
        log(f"converting the corpus into a Hugo site at {folder}")
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "corpus-to-hugo.py"), site, folder], check=True)
        open(os.path.join(folder, ".complete"), "w").close()
    return folder


TRASH = []  # [folder, count]: set by main()


def discard(path):
    """Moves an old output folder out of the way without deleting it. On this machine's disk
    (ext4 without a journal) creating files soon after deleting many is several times slower:
    the inode allocator skips inodes deleted in the last minutes, reading the inode table for
    each. Deleting the previous output before each timed run would so slow the run itself
    (a 10,000-page write took 10 s instead of 2). main() empties the trash at the end."""
    if os.path.lexists(path):
        folder = TRASH[0]
        os.makedirs(folder, exist_ok=True)
        TRASH[1] += 1
        os.rename(path, os.path.join(folder, f"{TRASH[1]}-{os.path.basename(path)}"))


def count_html(folder):
    return sum(1 for _, _, files in os.walk(folder) for name in files if name.endswith(".html"))


# -- one N -------------------------------------------------------------------------------

STAGE = re.compile(r"([a-z][a-z ]*?) ([0-9.]+) s \(CPU ([0-9.]+) s\)")


def stage_times(runs):
    """Median wall and CPU seconds of each stage, from the `--verbose` line of each run."""
    per_stage = {}
    for run in runs:
        line = next((l for l in run["stdout"].splitlines() if l.startswith("load ")), "")
        for name, wall, cpu in STAGE.findall(line):
            per_stage.setdefault(name, []).append((float(wall), float(cpu)))
    return {name: {"wall": statistics.median(w for w, _ in values), "cpu": statistics.median(c for _, c in values)}
            for name, values in per_stage.items()}


ARTICLE_PAGE = re.compile(r"^articles/(?!page/)[^/]+/index\.html$")
QUERIES = ["kubernetes", "database", "the"]


def page_weights(out):
    """What a reader downloads: the largest HTML page other than an article's own, the
    largest article page, the largest search file, and (with node) the bytes the search
    page's own script fetches before its first result, per query."""
    largest_page, largest_article, largest_search, search_total = ("", 0), ("", 0), ("", 0), 0
    for root, _, names in os.walk(out):
        for name in names:
            path = os.path.join(root, name)
            relative = os.path.relpath(path, out)
            size = os.path.getsize(path)
            if relative.startswith("search/") and name.endswith(".json"):
                search_total += size
                largest_search = max(largest_search, (relative, size), key=lambda x: x[1])
            elif name.endswith(".html"):
                if ARTICLE_PAGE.match(relative):
                    largest_article = max(largest_article, (relative, size), key=lambda x: x[1])
                else:
                    largest_page = max(largest_page, (relative, size), key=lambda x: x[1])
    weights = {"largest_page": largest_page, "largest_article_page": largest_article,
               "largest_search_file": largest_search, "search_total": search_total, "first_result": {}}
    node = shutil.which("node")
    harness = os.path.join(REPO, "Tests", "SitegenBuildTests", "SearchHarness", "query.js")
    if node:
        result = subprocess.run([node, harness, os.path.join(REPO, "templates", "assets", "search.js"), out] + QUERIES,
                                capture_output=True, text=True)
        for line in result.stdout.splitlines():
            answer = json.loads(line)
            weights["first_result"][answer["query"]] = answer["firstResultBytes"]
    return weights


def bench_sitegen(args, site, work, runs):
    out = os.path.join(work, "sitegen-public")
    cmd = [args.sitegen, "build", "--source", site, "--output", out, "--verbose"]

    def fresh(_):
        discard(out)

    log("sitegen: warm-up build (untimed)")
    fresh(0)
    warm = timed(cmd)
    match = re.search(r"Built (\d+) pages \((\d+) files", warm["stdout"])
    pages = int(match.group(1)) if match else count_html(out)
    files = int(match.group(2)) if match else None
    weights = page_weights(out)
    full_runs = repeat(runs, fresh, cmd, "sitegen full build")
    full = median_of(full_runs)
    full["stages"] = stage_times(full_runs)
    # The same command again over the previous output: unchanged files are hard-linked.
    over_previous = median_of(repeat(runs, lambda _: None, cmd, "sitegen build over the previous output"))

    # Rebuilds as `sitegen serve` does them: one incremental builder kept in memory
    # (sitegen-bench, built beside sitegen), with no change and after one edited article.
    bench = os.path.join(os.path.dirname(args.sitegen), "sitegen-bench")
    log("sitegen: serve-style rebuilds (sitegen-bench, in process)")
    result = subprocess.run([bench, site, "--runs", str(max(runs, 5))], capture_output=True, text=True, check=True)
    incremental = json.loads(result.stdout)
    unchanged = {"wall": incremental["unchanged_seconds"], "rendered": incremental["unchanged_rendered"]}
    one_edit = {"wall": incremental["edit_seconds"], "rendered": incremental["edit_rendered"],
                "full_in_process": incremental["full_seconds"], "stages": incremental["full_stages"]}
    edit_scan = {"wall": incremental["edit_scan_seconds"]}
    return {"pages": pages, "files": files, "full": full, "over_previous": over_previous, "weights": weights,
            "unchanged": unchanged, "edit": one_edit, "edit_scan": edit_scan,
            "summary": warm["stdout"].strip().splitlines()[-1] if warm["stdout"].strip() else ""}


def bench_floor(args, site, count):
    log("cmark floor")
    runs = []
    for index in range(count + 1):
        output = subprocess.run([args.floor, site], check=True, stdout=subprocess.PIPE, text=True).stdout
        values = dict(line.split() for line in output.strip().splitlines())
        if index > 0:  # the first run warms up
            runs.append({"wall": float(values["render_wall"]), "cpu": float(values["render_cpu"])})
            log(f"  cmark floor #{index}: {runs[-1]['wall']:.3f} s wall, {runs[-1]['cpu']:.3f} s CPU")
    return {"wall": statistics.median(r["wall"] for r in runs), "cpu": statistics.median(r["cpu"] for r in runs),
            "articles": int(values["articles"]), "markdown_mb": int(values["markdown_bytes"]) / 1e6,
            "runs": runs}


def bench_hugo(args, folder, work):
    out = os.path.join(work, "hugo-public")
    cmd = [args.hugo, "--quiet", "--source", folder, "--destination", out, "--cacheDir",
           os.path.join(work, "hugo-cache")]

    def fresh(_):
        discard(out)

    log("hugo: warm-up build (untimed)")
    fresh(0)
    timed(cmd)
    pages = count_html(out)
    full = median_of(repeat(args.runs, fresh, cmd, "hugo full build"))
    # Hugo's .Related dominates large builds; measured without it too, for reference.
    no_related = {"HUGO_BENCH_NO_RELATED": "1"}
    fresh(0)
    timed(cmd, no_related)
    lean = median_of(repeat(args.runs, fresh, cmd, "hugo full build without related articles", no_related))
    return {"pages": pages, "full": full, "no_related": lean}


# -- the report --------------------------------------------------------------------------

def fmt(value, digits=2):
    return "-" if value is None else f"{value:.{digits}f}"


def table(rows, header):
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
                       for i, cell in enumerate(row)) for row in [header] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(results, meta):
    out = [f"sitegen benchmark, {meta['date']} on {meta['machine']}",
           f"seed {meta['seed']}, median of {meta['runs']} runs after 1 warm-up; "
           f"{meta['sitegen_version']}; hugo: {meta['hugo_version'] or 'not installed (skipped)'}",
           f"1-minute load average before the start: {meta['load_before']:.2f}", ""]
    for n, r in results.items():
        s, f, h = r["sitegen"], r["floor"], r.get("hugo")
        pages = s["pages"]
        rows = []

        def row(name, m, page_count):
            rows.append([name, fmt(m["wall"], 3), fmt(m["cpu"], 3) if "cpu" in m else "-",
                         fmt(m.get("rss_mb"), 0) if "rss_mb" in m else "-",
                         fmt(page_count / m["wall"], 0) if page_count else "-"])
        row("sitegen full build (empty output folder)", s["full"], pages)
        row("sitegen build over the previous output", s["over_previous"], pages)
        row(f"serve rebuild, no change ({s['unchanged']['rendered']} files rendered)", s["unchanged"], None)
        row(f"serve rebuild, 1 article edited ({s['edit']['rendered']} rendered)", s["edit"], None)
        row("  the same, every file stat-ed (no inotify)", s["edit_scan"], None)
        row("cmark floor (bodies only, 1 core)", f, None)
        if h:
            row("hugo full build", h["full"], h["pages"])
            row("hugo, without related articles", h["no_related"], h["pages"])
        out.append(f"N = {n} articles ({pages} HTML pages from sitegen, "
                   f"{h['pages'] if h else '-'} from hugo; {f['markdown_mb']:.1f} MB of Markdown)")
        out.append(table(rows, ["", "wall s", "CPU s", "peak RSS MB", "pages/s"]))
        timed_runs = [run for m in (s["full"], s["over_previous"]) + ((h["full"], h["no_related"]) if h else ())
                      for run in m.get("runs", []) if "other_cpu" in run]
        if timed_runs:
            share = sum(run["other_cpu"] for run in timed_runs) / sum(run["wall"] for run in timed_runs)
            out.append(f"other processes on the machine used {share:.2f} cores on average during the timed runs"
                       f"{' (quiet)' if share < 0.1 else ' (figures slowed by contention)'}")
        ratios = [["sitegen / cmark floor, wall", fmt(s["full"]["wall"] / f["wall"])]]
        if h:
            ratios += [["sitegen / hugo, wall", fmt(s["full"]["wall"] / h["full"]["wall"])],
                       ["sitegen / hugo, CPU", fmt(s["full"]["cpu"] / h["full"]["cpu"])],
                       ["sitegen / hugo, peak RSS", fmt(s["full"]["rss_mb"] / h["full"]["rss_mb"])],
                       ["sitegen / hugo without related, wall", fmt(s["full"]["wall"] / h["no_related"]["wall"])],
                       ["sitegen / hugo without related, peak RSS",
                        fmt(s["full"]["rss_mb"] / h["no_related"]["rss_mb"])]]
        ratios += [["serve no-change rebuild / full build", fmt(s["unchanged"]["wall"] / s["full"]["wall"])]]
        stages = ", ".join(f"{k} {v['wall']:.2f}/{v['cpu']:.2f}" for k, v in s["full"].get("stages", {}).items())
        out.append(f"stages of the full build, wall/CPU s: {stages}")
        stages = ", ".join(f"{k} {v:.2f} s" for k, v in s["edit"]["stages"].items())
        out.append(f"the same build as `serve` makes it, in memory: {s['edit']['full_in_process']:.2f} s ({stages})")
        w = s.get("weights")
        if w:
            first = ", ".join(f"{q} {b / 1024:.0f} KB" for q, b in w["first_result"].items()) or "- (node not installed)"
            out.append(f"page weights: largest page other than an article's {w['largest_page'][1] / 1024:.0f} KB "
                       f"({w['largest_page'][0]}); largest article page {w['largest_article_page'][1] / 1024:.0f} KB; "
                       f"largest search file {w['largest_search_file'][1] / 1024:.0f} KB; whole index "
                       f"{w['search_total'] / 1e6:.1f} MB; bytes before the first search result: {first}")
        out.append("")
        out.append(table(ratios, ["ratio", "value"]))
        out.append("")

    ns = sorted(results)
    if len(ns) >= 2:
        small, large = ns[0], ns[-1]
        rows = [["sitegen full build, wall", fmt(results[large]["sitegen"]["full"]["wall"] / results[small]["sitegen"]["full"]["wall"])],
                ["cmark floor, wall", fmt(results[large]["floor"]["wall"] / results[small]["floor"]["wall"])]]
        if results[large].get("hugo") and results[small].get("hugo"):
            rows.append(["hugo full build, wall", fmt(results[large]["hugo"]["full"]["wall"] / results[small]["hugo"]["full"]["wall"])])
            rows.append(["hugo without related, wall",
                         fmt(results[large]["hugo"]["no_related"]["wall"] / results[small]["hugo"]["no_related"]["wall"])])
        out.append(f"Scaling: time at N = {large} / time at N = {small} (linear = {large / small:g})")
        out.append(table(rows, ["", "ratio"]))
        out.append("")
        # Each stage, from each size to the next (issue 17: at most 1.1 times linear).
        rows = []
        for a, b in zip(ns, ns[1:]):
            stages_a, stages_b = results[a]["sitegen"]["full"].get("stages", {}), results[b]["sitegen"]["full"].get("stages", {})
            for name in stages_b:
                if name in stages_a and stages_a[name]["cpu"] > 0:
                    ratio = stages_b[name]["cpu"] / stages_a[name]["cpu"]
                    rows.append([f"{name}, N = {a} -> {b}", fmt(stages_a[name]["cpu"]), fmt(stages_b[name]["cpu"]),
                                 fmt(ratio), "ok" if ratio <= 1.1 * b / a else "MISSED"])
        out.append(f"Stages: CPU seconds, and their growth (at most 1.1 times the growth in articles)")
        out.append(table(rows, ["stage", "CPU s before", "CPU s after", "growth", ""]))
        out.append("")

    # Issue 6's targets, checked on the largest N measured.
    n = ns[-1]
    s, f, h = results[n]["sitegen"], results[n]["floor"], results[n].get("hugo")
    checks = []

    def check(name, value, limit, unit=""):
        shown = "-" if value is None else (f"{value:.0f}" if unit else f"{value:.2f}") + unit
        checks.append([name, shown, f"<= {limit:g}{unit}",
                       "-" if value is None else ("ok" if value <= limit else "MISSED")])
    check("wall, sitegen / hugo", s["full"]["wall"] / h["full"]["wall"] if h else None, 0.25)
    check("wall, sitegen / cmark floor", s["full"]["wall"] / f["wall"], 2.5)
    check("peak RSS, sitegen / hugo", s["full"]["rss_mb"] / h["full"]["rss_mb"] if h else None, 0.25)
    check("(wall, sitegen / hugo without related)", s["full"]["wall"] / h["no_related"]["wall"] if h else None, 0.25)
    check("(peak RSS, sitegen / hugo without related)",
          s["full"]["rss_mb"] / h["no_related"]["rss_mb"] if h else None, 0.25)
    if len(ns) >= 2:
        check(f"wall, N={ns[-1]} / N={ns[0]}", s["full"]["wall"] / results[ns[0]]["sitegen"]["full"]["wall"],
              1.1 * ns[-1] / ns[0])
    check("serve rebuild after one edit, wall", s["edit"]["wall"] * 1000, 100, " ms")
    check("serve no-change rebuild / full build", s["unchanged"]["wall"] / s["full"]["wall"], 0.10)
    # Issue 17: memory and what a reader downloads.
    for size, limit in ((10000, 400), (100000, 2048)):
        if size in results:
            check(f"peak RSS at N = {size}", results[size]["sitegen"]["full"]["rss_mb"], limit, " MB")
    w = s.get("weights")
    if w:
        check("largest HTML page but an article's", w["largest_page"][1] / 1024, 200, " KB")
        check("largest search file", w["largest_search_file"][1] / 1024, 2048, " KB")
        for query, size in w["first_result"].items():
            check(f"bytes before the first result, {query}", size / 1024, 1024, " KB")
    out.append(f"Targets of issues 6 and 17 (N = {n} unless named)")
    out.append(table(checks, ["target", "measured", "limit", ""]))
    return "\n".join(out)


def source_commit():
    """The commit the repository is at (read from .git without running git), or None."""
    try:
        head = open(os.path.join(REPO, ".git", "HEAD")).read().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        path = os.path.join(REPO, ".git", ref)
        if os.path.exists(path):
            return open(path).read().strip()[:12]
        for line in open(os.path.join(REPO, ".git", "packed-refs")):
            if line.strip().endswith(" " + ref):
                return line.split()[0][:12]
    except OSError:
        pass
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ns", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--sitegen", required=True)
    parser.add_argument("--floor", required=True)
    parser.add_argument("--hugo")
    parser.add_argument("--cache", default="/tmp/sitegen-bench")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hugo-max", type=int, default=10000,
                        help="the largest size Hugo builds (at 100,000 it takes a quarter of an hour and tens of GB)")
    parser.add_argument("--large-runs", type=int, default=1, help="timed runs at 50,000 articles and more")
    args = parser.parse_args()
    os.makedirs(args.cache, exist_ok=True)

    def version(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return None
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    memory = next((int(line.split()[1]) // (1024 * 1024) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    meta = {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "seed": args.seed, "runs": args.runs,
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {memory} GB",
            "sitegen_version": "sitegen " + (version([args.sitegen, "--version"]) or "?")
                               + (f" (sources at commit {source_commit()}, plus any uncommitted changes)"
                                  if source_commit() else ""),
            "hugo_version": version([args.hugo, "version"]) if args.hugo else None}

    meta["load_before"] = os.getloadavg()[0]
    if meta["load_before"] > 0.5:
        log(f"warning: the machine is busy (load average {meta['load_before']:.2f}); the figures will be slower than they should")
    TRASH[:] = [os.path.join(args.cache, "trash"), 0]
    if os.path.exists(TRASH[0]):
        log("removing the old outputs an earlier, interrupted run left in the trash")
        shutil.rmtree(TRASH[0])
    results = {}
    try:
        for n in args.ns:
            log(f"=== N = {n}")
            site = corpus(args.cache, n, args.seed)
            work = os.path.join(args.cache, f"run-n{n}")
            os.makedirs(work, exist_ok=True)
            result = {}
            # Hugo first: sitegen's builds over a previous output delete the old site, and
            # deletions slow the file creation of whatever runs next (see discard()).
            if args.hugo and n <= args.hugo_max:
                result["hugo"] = bench_hugo(args, hugo_site(args.cache, site, n, args.seed), work)
                discard(os.path.join(work, "hugo-public"))
            # The largest sizes take minutes a build: one timed run each unless asked.
            runs = args.runs if n < 50000 else args.large_runs
            result["sitegen"] = bench_sitegen(args, site, work, runs)
            result["floor"] = bench_floor(args, site, runs)
            results[n] = result
    except Failed as failure:
        print(f"benchmark failed: {failure}", file=sys.stderr)
        return 1
    finally:
        if os.path.exists(TRASH[0]):
            log(f"emptying the trash ({TRASH[1]} old output folders)")
            shutil.rmtree(TRASH[0], ignore_errors=True)

    meta["load_after"] = os.getloadavg()[0]
    text = report(results, meta)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(args.cache, f"results-{stamp}.json"), "w") as f:
        json.dump({"meta": meta, "results": {str(k): v for k, v in results.items()}}, f, indent=1)
    with open(os.path.join(args.cache, f"results-{stamp}.txt"), "w") as f:
        f.write(text + "\n")
    print(text)
    log(f"figures saved as {args.cache}/results-{stamp}.json and .txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
