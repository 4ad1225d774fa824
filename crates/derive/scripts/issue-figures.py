#!/usr/bin/env python3
"""Issue 9's quality table from `briefbot derive --eval` over folders of annotations.

    issue-figures.py --bin BRIEFBOT --articles ../shared/articles [--strip-new-fields] DIR...

Runs `BRIEFBOT derive --eval DIR --articles ARTICLES` once per folder and prints, per folder,
the fields of issue 9's table. The eval prints precision and recall per field and one line per
mismatch; the fields it does not print are counted from those lines and the annotations:

- quote recall / precision: the eval's `quotes` row.
- speaker accuracy: quotes whose draft speaker is the annotated one, over annotated quotes that
  have a speaker (a missed quote counts as a wrong speaker) — the `speakers` row's recall.
- wrong speaker given: of the annotated quotes the draft found and gave a speaker, the share
  whose speaker is wrong ("speaker of …: expected X, got Y" with Y not "nobody"; X may be
  "nobody" when the article names no speaker). Drafted quotes that are not in the annotation
  are left out: their speaker is neither right nor wrong.
- person recall: annotated people that some draft actor matches, over annotated people
  ("actor missed: NAME (person)" lines).
- actor recall / precision: the eval's `actors` row.
- role accuracy: roles right over annotated roles (a missed actor's role counts as wrong) —
  the `roles` row's recall.

--strip-new-fields removes the optional fields the 16 new annotations add (`via`, `opening`,
`outlets`; crates/derive/README.md) from a temporary copy, for an eval that rejects unknown
keys (briefbot before issue 9). Needs Python 3.11 (tomllib).
"""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile
import tomllib

NEW_FIELDS = re.compile(r"^(via|opening|outlets)\s*=")
ROW = re.compile(r"^(quotes|speakers|actors|kinds|roles|questions|key quote)\s+"
                 r"([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(\d+)$")
SPEAKER = re.compile(r": speaker of .*: expected (.*), got ([^ ]+)$")
PERSON_MISSED = re.compile(r": actor missed: .* \(person\)$")


def ratio(part, whole):
    return part / whole if whole else 1.0


def measure(binary, articles, folder, strip):
    annotations = sorted(folder.glob("*.expected.toml"))
    if not annotations:
        sys.exit(f"no NAME.expected.toml in {folder}")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        for path in annotations:
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            if strip:
                lines = [line for line in lines if not NEW_FIELDS.match(line)]
            (scratch / path.name).write_text("".join(lines), encoding="utf-8")
        run = subprocess.run(
            [binary, "derive", "--eval", str(scratch), "--articles", str(articles)],
            capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{binary} derive --eval {folder} failed:\n{run.stderr}")
    if re.search(r"^\d+ mismatch(es)?: --explain", run.stdout, flags=re.M):
        # The rebuilt eval prints these figures itself and lists mismatches only with
        # --explain: counting lines that are not there would report zero wrong speakers.
        sys.exit(f"{binary} prints the issue's figures itself (speaker accuracy, wrong speaker, "
                 "person recall, role accuracy): read them from its output")
    rows, wrong = {}, 0
    persons_missed = 0
    for line in run.stdout.splitlines():
        if match := ROW.match(line):
            rows[match[1]] = dict(precision=float(match[2]), recall=float(match[3]),
                                  tp=int(match[5]), fp=int(match[6]), fn=int(match[7]))
        elif match := SPEAKER.search(line):
            wrong += match[2] != "nobody"
        elif PERSON_MISSED.search(line):
            persons_missed += 1
    persons = roles = spoken = 0
    for path in annotations:
        annotation = tomllib.loads(path.read_text(encoding="utf-8"))
        spoken += sum(1 for quote in annotation.get("quotes", []) if "speaker" in quote)
        for actor in annotation.get("actors", []):
            persons += actor["kind"] == "person"
            roles += "role" in actor or bool(actor.get("roles"))
    right = rows["speakers"]["tp"]
    return run.stdout, {
        "articles": len(annotations),
        "quote recall / precision":
            f"{rows['quotes']['recall']:.2f} / {rows['quotes']['precision']:.2f}",
        "speaker accuracy": f"{ratio(right, spoken):.2f} ({right}/{spoken})",
        "wrong speaker given":
            f"{100 * ratio(wrong, right + wrong) if right + wrong else 0:.0f} % "
            f"({wrong}/{right + wrong})",
        "person recall":
            f"{ratio(persons - persons_missed, persons):.2f} ({persons - persons_missed}/{persons})",
        "actor recall / precision":
            f"{rows['actors']['recall']:.2f} / {rows['actors']['precision']:.2f}",
        "role accuracy": f"{ratio(rows['roles']['tp'], roles):.2f} ({rows['roles']['tp']}/{roles})",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="the briefbot binary to measure")
    parser.add_argument("--articles", required=True, type=pathlib.Path)
    parser.add_argument("--strip-new-fields", action="store_true")
    parser.add_argument("--eval-output", action="store_true",
                        help="also print the eval's own table, and its mismatches except for a "
                             "folder named heldout")
    parser.add_argument("folders", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    if not args.articles.is_dir():
        sys.exit(f"{args.articles}: no such folder (the real articles live in ../shared/articles)")
    figures = []
    for folder in args.folders:
        output, fields = measure(args.bin, args.articles, folder, args.strip_new_fields)
        if args.eval_output:
            if folder.name == "heldout":
                # The held-out mismatches are what nobody may tune a rule on: the table only.
                output = "\n".join(line for line in output.splitlines()
                                   if ROW.match(line) or line.startswith("field "))
            print(f"## {folder}\n{output}\n")
        figures.append((folder, fields))
    names = list(figures[0][1])
    print("| field | " + " | ".join(str(folder) for folder, _ in figures) + " |")
    print("|---|" + "---|" * len(figures))
    for name in names:
        print(f"| {name} | " + " | ".join(str(fields[name]) for _, fields in figures) + " |")


if __name__ == "__main__":
    main()
