#!/usr/bin/env python3
"""naive.py: the scanner a user would write in an afternoon (the benchmark's baseline).

Usage:  python3 bench/naive.py [--full] PART.zip...

Python standard library only: zipfile to list and read the parts, json to parse every JSON
member, a small table of path patterns to classify. Items are counted per top-level record as
docs/classification.md says (a bare array: each element; one key wrapping an array: each
element; message files: each message; albums: each photo; anything else: one item), a thread
with Meta AI among its participants is ai_chat, and media files are counted and sized from the
zip directory. No mojibake repair, no times, no media inheritance, no limits. Prints a JSON
summary: items per category and verdict, media files and bytes, unmatched files.

--full also does what trainable's default report does beyond counting: it walks every record
for its media references ("uri" values) and its time, gives each media file the most exposed
verdict of the records that reference it (unreferenced: private under messages/, else
uncertain), and reports the first and last eligible time.
"""

import json
import re
import sys
import zipfile

MEDIA = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp4", ".mov", ".m4a", ".mp3", ".srt")

# (pattern on the path after the wrapper folder, category, verdict); first match wins
TABLE = [
    (r"messages/ai_conversations\.json$", "ai_chat", "eligible"),
    (r"(^|/)messages/(inbox|archived_threads|filtered_threads|message_requests|e2ee_cutover)/[^/]+/message_\d+\.json$",
     "message", "private"),
    (r"groups/your_group_messages/[^/]+\.json$", "message", "private"),
    (r"(^|/)messages/[^/]+\.json$", "message", "private"),
    (r"posts/album/\d+\.json$", "photo", None),
    (r"posts/your_posts(__check_ins__photos_and_videos)?(_\d+)?\.json$", "post", "uncertain"),
    (r"posts/posts_on_other_pages_and_profiles\.json$", "post", "uncertain"),
    (r"posts/your_uncategorized_photos\.json$", "photo", "uncertain"),
    (r"posts/your_videos\.json$", "video", "uncertain"),
    (r"comments_and_reactions/comments\.json$", "comment", "uncertain"),
    (r"comments_and_reactions/(likes_and_reactions(_\d+)?|posts_and_comments)\.json$", "reaction", "private"),
    (r"groups/(group_posts_and_comments|your_posts_in_groups)\.json$", "post", "uncertain"),
    (r"groups/your_comments_in_groups\.json$", "comment", "uncertain"),
    (r"groups/your_pending_posts_in_groups\.json$", "post", "private"),
    (r"stories/archived_stories\.json$", "story", "uncertain"),
    (r"stories/story_reactions\.json$", "reaction", "private"),
    (r"reels/your_reels\.json$", "reel", "uncertain"),
    (r"events/your_events\.json$", "event", "uncertain"),
    (r"facebook_marketplace/items_sold\.json$", "listing", "uncertain"),
    (r"activity_you're_tagged_in/", "other", "uncertain"),
    (r"^(personal_information|profile_information)/", "profile", "private"),
    (r"^(connections|friends_and_followers|friends)/", "connection", "private"),
    (r"^(ads_information|apps_and_websites_off_of_facebook)/", "ads", "private"),
    (r"^security_and_login_information/", "security", "private"),
    (r"^preferences/", "settings", "private"),
    (r"^(logged_information|search|location|your_interactions_on_facebook)/", "activity", "private"),
    (r"^your_facebook_activity/(posts|events|groups|pages|saved_items_and_collections|other_activity|"
     r"facebook_marketplace)/", "activity", "private"),
]
TABLE = [(re.compile(p), c, v) for p, c, v in TABLE]


def count_items(rel, doc):
    base = rel.rsplit("/", 1)[-1]
    if re.fullmatch(r"message_\d+\.json", base) or "/your_group_messages/" in rel:
        return len(doc.get("messages", []))
    if re.search(r"album/\d+\.json$", rel):
        return len(doc.get("photos", []))
    if isinstance(doc, list):
        return len(doc)
    if isinstance(doc, dict) and len(doc) == 1:
        (v,) = doc.values()
        if isinstance(v, list):
            return len(v)
    return 1


RANK = {"private": 0, "uncertain": 1, "eligible": 2}


def records(rel, doc):
    base = rel.rsplit("/", 1)[-1]
    if re.fullmatch(r"message_\d+\.json", base) or "/your_group_messages/" in rel:
        return doc.get("messages", [])
    if re.search(r"album/\d+\.json$", rel):
        return doc.get("photos", [])
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict) and len(doc) == 1:
        (v,) = doc.values()
        if isinstance(v, list):
            return v
    return [doc]


def walk(obj, uris):
    """Every "uri" string anywhere in obj."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "uri" and isinstance(v, str):
                uris.append(v)
            elif isinstance(v, (dict, list)):
                walk(v, uris)
    elif isinstance(obj, list):
        for v in obj:
            if isinstance(v, (dict, list)):
                walk(v, uris)


def record_time(rec):
    if isinstance(rec, dict):
        for k in ("timestamp", "creation_timestamp", "created_timestamp", "start_timestamp"):
            v = rec.get(k)
            if isinstance(v, int) and v > 0:
                return v
        v = rec.get("timestamp_ms")
        if isinstance(v, int) and v > 0:
            return v // 1000
    return None


def main(argv):
    full = len(argv) > 1 and argv[1] == "--full"
    if full:
        argv = argv[:1] + argv[2:]
    cats, media, unmatched = {}, {"files": 0, "bytes": 0}, []
    media_files, refs, first, last = {}, {}, None, None
    for path in argv[1:]:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                rel = info.filename.split("/", 1)[1] if "/" in info.filename else info.filename
                if rel.lower().endswith(MEDIA):
                    media["files"] += 1
                    media["bytes"] += info.file_size
                    media_files[rel] = info.file_size
                    continue
                if not rel.endswith(".json"):
                    continue
                for pat, cat, verdict in TABLE:
                    if pat.search(rel):
                        break
                else:
                    unmatched.append(rel)
                    continue
                with zf.open(info) as f:
                    doc = json.load(f)
                if verdict is None:          # albums: profile and cover photos are public
                    verdict = "eligible" if doc.get("name") in ("Profile pictures", "Cover photos") else "uncertain"
                if cat == "message" and any(p.get("name") == "Meta AI" for p in doc.get("participants", [])):
                    cat, verdict = "ai_chat", "eligible"
                c = cats.setdefault(cat, {"eligible": 0, "uncertain": 0, "private": 0})
                c[verdict] += count_items(rel, doc)
                if full:
                    for rec in records(rel, doc):
                        uris = []
                        walk(rec, uris)
                        for u in uris:
                            if RANK[verdict] > RANK.get(refs.get(u), -1):
                                refs[u] = verdict
                        t = record_time(rec)
                        if t and verdict == "eligible":
                            first = t if first is None or t < first else first
                            last = t if last is None or t > last else last
    totals = {v: sum(c[v] for c in cats.values()) for v in ("eligible", "uncertain", "private")}
    out = {"items": totals, "categories": dict(sorted(cats.items())), "media": media, "unmatched": unmatched}
    if full:
        by = {v: {"files": 0, "bytes": 0} for v in RANK}
        for rel, size in media_files.items():
            v = refs.get(rel) or ("private" if "messages" in rel.split("/")[:-1] else "uncertain")
            by[v]["files"] += 1
            by[v]["bytes"] += size
        out["media_verdicts"] = by
        out["eligible_time"] = {"first": first, "last": last}
    json.dump(out, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
