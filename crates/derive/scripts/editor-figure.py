#!/usr/bin/env python3
"""The editor's figure: what an editor changes between a `derive` draft and the shipped briefing.

    editor-figure.py --bin BRIEFBOT --articles ../shared/articles [--briefings briefings] [ID...]

For each article (by default the 16 annotated under crates/derive/annotations/real/), drafts it
with `BRIEFBOT derive ARTICLE.txt --briefings LIBRARY`, reads the shipped briefing
`briefings/ID.toml`, and counts per field what the editor had to add, remove or change:

- quotes: a shipped quote whose words (case, punctuation and diacritics aside) equal a drafted
  one is kept; one that mostly shares its words with a drafted one (one inside the other, or
  F1 of words >= 0.6) is changed; drafted quotes left over were removed, shipped ones left over
  were added.
- speakers, over the quotes found in both: the draft gave none and the briefing one (added),
  the draft gave one and the briefing none (removed), or another actor (changed). The speakers
  of added quotes are part of adding them and are not counted again.
- actors: paired by name or alias, exact names first, then by id, then people by surname. A
  pair whose id, name or kind differs is changed (ids matter: the quotes and other briefings
  point at them). Drafted actors left over were removed, shipped ones left over were added.
- roles, over the paired actors: the draft left a placeholder (a `# TODO` in the actor's block
  that asks to write the role) and the editor wrote one (added), or the roles do not mostly agree (F1 of
  content words < 0.6, the eval's rule) (changed). Roles are required, so none is removed.

LIBRARY, the briefings the draft may learn actor ids from, is the first collection only: the
shipped briefings that have no annotation under crates/derive/annotations/real/ (what an editor
had before the 16 were written), so no draft sees its own briefing. Needs Python 3.11.
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[3]
PROTOCOL = ROOT / "crates/derive/annotations/real"
STOP = {"of", "the", "a", "an", "for", ""}


def words(text):
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", folded)


def f1(a, b):
    shared = sum(1 for word in a if word in b)
    if not a or not b or not shared:
        return 0.0
    precision, recall = shared / len(a), shared / len(b)
    return 2 * precision * recall / (precision + recall)


def contains(outer, inner):
    n = len(inner)
    return n > 0 and any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def role_placeholders(draft_text):
    """Per [[actors]] block of the draft, in order: whether a `# TODO` asks to write the role.

    A role the draft took from elsewhere and asks to check ("TODO: check the role") is a real
    role and is compared like any other."""
    flags = []
    for block in re.split(r"^\[\[", draft_text, flags=re.M)[1:]:
        if block.startswith("actors]]"):
            flags.append(bool(re.search(r"^#\s*TODO\b.*\bwrite\b.*\brole\b", block,
                                        flags=re.M | re.I)))
    return flags


def names(actor):
    return [" ".join(words(name)) for name in [actor["name"], *actor.get("aliases", [])]]


def pair_actors(drafted, shipped):
    """Index pairs (drafted, shipped): exact names, then names or aliases or ids, then surnames."""
    pairs, used_d, used_s = {}, set(), set()
    rules = [
        lambda d, s: names(d)[0] == names(s)[0],
        lambda d, s: bool(set(names(d)) & set(names(s))) or d["id"] == s["id"],
        lambda d, s: d["kind"] == s["kind"] == "person"
        and {n.split(" ")[-1] for n in names(d)} & {n.split(" ")[-1] for n in names(s)},
    ]
    for rule in rules:
        for si, s in enumerate(shipped):
            if si in used_s:
                continue
            for di, d in enumerate(drafted):
                if di not in used_d and rule(d, s):
                    pairs[di] = si
                    used_d.add(di)
                    used_s.add(si)
                    break
    return pairs


def compare(draft_text, shipped):
    draft = tomllib.loads(draft_text)
    counts = {field: [0, 0, 0] for field in ("quotes", "speakers", "actors", "roles")}
    add, remove, change = 0, 1, 2

    d_actors, s_actors = draft.get("actors", []), shipped.get("actors", [])
    pairs = pair_actors(d_actors, s_actors)
    placeholders = role_placeholders(draft_text)
    for di, d in enumerate(d_actors):
        if di not in pairs:
            counts["actors"][remove] += 1
            continue
        s = s_actors[pairs[di]]
        if d["id"] != s["id"] or names(d)[0] != names(s)[0] or d["kind"] != s["kind"]:
            counts["actors"][change] += 1
        if di < len(placeholders) and placeholders[di]:
            counts["roles"][add] += 1
        elif f1([w for w in words(d["role"]) if w not in STOP],
                [w for w in words(s["role"]) if w not in STOP]) < 0.6:
            counts["roles"][change] += 1
    counts["actors"][add] += len(s_actors) - len(pairs)

    d_ids = {actor["id"]: i for i, actor in enumerate(d_actors)}
    s_ids = {actor["id"]: i for i, actor in enumerate(s_actors)}
    d_quotes, s_quotes = draft.get("quotes", []), shipped.get("quotes", [])
    d_words = [words(quote["text"]) for quote in d_quotes]
    taken = set()
    for s_quote in s_quotes:
        wanted = words(s_quote["text"])
        found = next((i for i, w in enumerate(d_words) if i not in taken and w == wanted), None)
        if found is None:
            found = next((i for i, w in enumerate(d_words) if i not in taken and (
                contains(w, wanted) or contains(wanted, w) or f1(w, wanted) >= 0.6)), None)
            if found is None:
                counts["quotes"][add] += 1
                continue
            counts["quotes"][change] += 1
        taken.add(found)
        d_speaker = d_quotes[found].get("speaker")
        s_speaker = s_quote.get("speaker")
        if d_speaker is None and s_speaker is not None:
            counts["speakers"][add] += 1
        elif d_speaker is not None and s_speaker is None:
            counts["speakers"][remove] += 1
        elif d_speaker is not None and pairs.get(d_ids.get(d_speaker)) != s_ids.get(s_speaker):
            counts["speakers"][change] += 1
    counts["quotes"][remove] += len(d_quotes) - len(taken)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="the briefbot binary whose drafts to judge")
    parser.add_argument("--articles", required=True, type=pathlib.Path)
    parser.add_argument("--briefings", type=pathlib.Path, default=ROOT / "briefings")
    parser.add_argument("ids", nargs="*")
    args = parser.parse_args()
    ids = args.ids or sorted(path.name.removesuffix(".expected.toml")
                             for path in PROTOCOL.glob("*/*.expected.toml"))
    if not ids:
        sys.exit(f"no article named and no annotation under {PROTOCOL}")
    protocol = set(path.name.removesuffix(".expected.toml")
                   for path in PROTOCOL.glob("*/*.expected.toml"))
    fields = ("quotes", "speakers", "actors", "roles")
    totals = {field: [0, 0, 0] for field in fields}
    rows = []
    with tempfile.TemporaryDirectory() as library:
        for path in sorted(args.briefings.glob("*.toml")):
            if path.stem not in protocol:
                shutil.copy(path, library)
        for id in ids:
            article = args.articles / f"{id}.txt"
            run = subprocess.run([args.bin, "derive", str(article), "--briefings", library],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"{args.bin} derive {article} failed:\n{run.stderr}")
            shipped_path = args.briefings / f"{id}.toml"
            shipped = tomllib.loads(shipped_path.read_text(encoding="utf-8"))
            counts = compare(run.stdout, shipped)
            half = next((p.parent.name for p in PROTOCOL.glob(f"*/{id}.expected.toml")), "")
            rows.append((id, half, counts))
            for field in fields:
                totals[field] = [t + c for t, c in zip(totals[field], counts[field])]
    cell = lambda c: f"+{c[0]} −{c[1]} ~{c[2]}"
    print("| article | half | quotes | speakers | actors | roles | edits |")
    print("|---|---|---|---|---|---|---|")
    for id, half, counts in rows:
        edits = sum(sum(counts[field]) for field in fields)
        print(f"| {id} | {half} | " + " | ".join(cell(counts[f]) for f in fields) + f" | {edits} |")
    for half in sorted({half for _, half, _ in rows if half}):
        part = {f: [sum(c[f][k] for _, h, c in rows if h == half) for k in range(3)]
                for f in fields}
        edits = sum(sum(part[field]) for field in fields)
        count = sum(1 for _, h, _ in rows if h == half)
        print(f"| *{half} ({count})* | | " + " | ".join(cell(part[f]) for f in fields)
              + f" | {edits} |")
    edits = sum(sum(totals[field]) for field in fields)
    print(f"| **all {len(rows)}** | | " + " | ".join(cell(totals[f]) for f in fields)
          + f" | {edits} |")


if __name__ == "__main__":
    main()
