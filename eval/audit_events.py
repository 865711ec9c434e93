"""A blind audit of events as an analyst meets them: random non-STATEMENT events of an
output, each with its sentence, for a person to judge; then the judged file's figures.

    python eval/audit_events.py sample OUTPUT --n 60 --seed 20261125 > audit.jsonl
    python eval/audit_events.py score audit.jsonl

``sample`` draws events from the output's current rows (``newsbeam sql``'s views) and
writes one JSON object per event: its sentence (the evidence), type, mode, trigger,
actors, place, modality, source, and empty verdicts. The judge fills, for each event:
``real`` (a real event of the stated type, true/false), ``actor1_ok``, ``actor2_ok``,
``place_ok``, ``modality_ok``, ``source_ok`` (true/false; an empty field is right when
the sentence names nothing for it), and ``modality_gold`` when the modality is wrong.
``score`` prints the issue's figures: real events of the stated type, fully correct
(real and every field right), actor1 right of the filled ones, modality right overall
and on events whose modality is not "asserted".
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIELDS = ("actor1_ok", "actor2_ok", "place_ok", "modality_ok", "source_ok")


def _name(arg):
    if not arg:
        return None
    text, name = arg.get("text"), arg.get("canonical_name")
    return text if not name or name == text else f"{text} (= {name})"


def sample(output: str, n: int, seed: int) -> list[dict]:
    from pipeline import views
    con = views.connect(output)
    rows = con.execute("""
        SELECT e.event_id, e.event_type, e.event_mode, e.trigger_text, e.actor1, e.actor2,
               e.location, e.modality, e.source, a.topic,
               substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)
        FROM events e JOIN articles a USING (article_id)
        WHERE e.event_type <> 'STATEMENT' ORDER BY e.event_id""").fetchall()
    picked = random.Random(seed).sample(rows, min(n, len(rows)))
    out = []
    for (event_id, etype, mode, trigger, a1, a2, place, modality, source, topic,
         sentence) in picked:
        out.append({"event_id": event_id, "sentence": sentence, "topic": topic,
                    "type": etype, "mode": mode, "trigger": trigger,
                    "actor1": _name(a1), "actor2": _name(a2), "place": _name(place),
                    "modality": modality, "source": _name(source),
                    "real": None, **{f: None for f in FIELDS}, "modality_gold": None,
                    "note": ""})
    return out


def score(items: list[dict]) -> dict:
    judged = [i for i in items if i.get("real") is not None]
    real = [i for i in judged if i["real"]]
    full = [i for i in real if all(i.get(f) for f in FIELDS)]
    filled = [i for i in real if i["actor1"]]
    not_asserted = [i for i in real if (i.get("modality_gold") or i["modality"]) != "asserted"]

    def share(part, whole):
        return f"{len(part)}/{len(whole)} = {len(part) / len(whole):.0%}" if whole else "-"
    return {
        "judged": len(judged),
        "real event of the stated type": share(real, judged),
        "fully correct": share(full, judged),
        "actor1 right, of filled": share([i for i in filled if i["actor1_ok"]], filled),
        "modality right": share([i for i in real if i["modality_ok"]], real),
        "modality right, not asserted": share([i for i in not_asserted if i["modality_ok"]],
                                              not_asserted),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample")
    s.add_argument("output")
    s.add_argument("--n", type=int, default=60)
    s.add_argument("--seed", type=int, default=20261125)
    c = sub.add_parser("score")
    c.add_argument("judged")
    args = parser.parse_args(argv)
    if args.command == "sample":
        for item in sample(args.output, args.n, args.seed):
            print(json.dumps(item, ensure_ascii=False))
    else:
        items = [json.loads(line) for line in open(args.judged, encoding="utf-8")]
        for key, value in score(items).items():
            print(f"{key:<32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
