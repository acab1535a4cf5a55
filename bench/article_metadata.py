"""How many article files the importer finds a publication date and an outlet in (not part of the tests).

Reads every .txt and .html file in the given folders (default: ../shared/bbc-politics/articles
and seeds/) exactly as the importer does (`importing.read_article`, no database) and prints,
per folder, how many files get a date, an outlet, a byline and a source address; with
--list, what was found in each file.

--furnished wraps each plain-text file, in memory, in the page furniture of several news
layouts (the lines each layout puts around an article, with one made-up date) and counts the
files where the importer finds that date and outlet and leaves the article's headline and
body exactly as it reads them from the bare file.

    .venv/bin/python bench/article_metadata.py
    .venv/bin/python bench/article_metadata.py --list ../shared/bbc-politics/articles
    .venv/bin/python bench/article_metadata.py --furnished
"""

import argparse
import os
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from factcheck.importing import ArticleImportError, read_article

DEFAULT_FOLDERS = [ROOT.parent / "shared" / "bbc-politics" / "articles", ROOT / "seeds"]

# One made-up moment, as each layout states it: Thursday 17 February 2005, 14:56:03 GMT.
STAMP = datetime(2005, 2, 17, 14, 56, 3, tzinfo=UTC)
# Layout: (the text around headline and body, the outlet, the moment it states).
LAYOUTS = {
    "BBC News, 2005 printable page": (
        "Last Updated: Thursday, 17 February, 2005, 14:56 GMT 14:56 UK\n\nE-mail this to a friend\n"
        "Printable version\n\n{title}\n\n{body}\n\nStory from BBC NEWS:\n"
        "http://news.bbc.co.uk/go/pr/fr/-/1/hi/uk_politics/4274567.stm\n\nPublished: 2005/02/17 14:56:03 GMT\n\n"
        "© BBC MMV\n",
        "BBC News",
        STAMP,
    ),
    "BBC News, 2010 page": (
        "Page last updated at 14:56 GMT, Thursday, 17 February 2005\n\n{title}\n\nBy Jo Reporter\nBBC News\n\n"
        "{body}\n\nPrint Sponsor\n\nRelated stories\nAnother story\n03 Feb 05 |  UK Politics\n\n"
        "The BBC is not responsible for the content of external internet sites\n",
        "BBC News",
        STAMP.replace(second=0),
    ),
    "The Guardian, 2005 page": (
        "{title}\n\nguardian.co.uk, Thursday 17 February 2005 14.56 GMT\n\n{body}\n\n"
        "© Guardian News and Media Limited 2005\n",
        "The Guardian",
        STAMP.replace(second=0),
    ),
    "The Daily Telegraph": (
        "{title}\n\nBy Jo Reporter, Political Correspondent\nPublished: 2:56PM GMT 17 Feb 2005\n\n{body}\n\n"
        "© Copyright of Telegraph Media Group Limited 2005\n",
        "The Daily Telegraph",
        STAMP.replace(second=0),
    ),
    "Daily Mail": (
        "{title}\n\nBy JO REPORTER\nLast updated at 2:56 PM on 17th February 2005\n\n{body}\n",
        "",
        STAMP.replace(second=0),
    ),
    "Reuters wire": (
        "{title}\n\nThu Feb 17, 2005 9:56am EST\n\nLONDON (Reuters) - {body}\n",
        "Reuters",
        STAMP.replace(second=0),
    ),
    "page title and address": (
        "{title} | Politics | The Guardian\n\nhttps://www.theguardian.com/politics/2005/feb/17/a-story\n\n{body}\n",
        "The Guardian",
        datetime(2005, 2, 17, tzinfo=UTC),
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    parser.add_argument("--list", action="store_true", help="print what was found in each file")
    parser.add_argument("--furnished", action="store_true", help="wrap each file in several news layouts")
    options = parser.parse_args()
    for folder in options.folders:
        if options.furnished:
            report_furnished(folder, listing=options.list)
        else:
            report(folder, listing=options.list)


def report(folder: Path, *, listing: bool) -> None:
    files = sorted(path for path in folder.rglob("*") if path.suffix.lower() in {".txt", ".html", ".htm"})
    counts: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    for path in files:
        try:
            _, parsed = read_article(data=path.read_bytes(), filename=path.name)
        except ArticleImportError as error:
            counts["refused"] += 1
            if listing:
                print(f"  {path.name}: refused ({error})")
            continue
        found = {
            "date": parsed.published_at is not None,
            "outlet": bool(parsed.outlet),
            "byline": bool(parsed.byline),
            "source address": bool(getattr(parsed, "source_url", "")),  # absent before the importer read addresses
        }
        counts.update(name for name, present in found.items() if present)
        counts["date and outlet"] += found["date"] and found["outlet"]
        outlets[parsed.outlet or "(none)"] += 1
        if listing:
            when = parsed.published_at.isoformat() if parsed.published_at else "no date"
            print(f"  {path.name}: {when}; {parsed.outlet or 'no outlet'}; {parsed.byline or 'no byline'}")
    print(f"{folder}: {len(files)} files")
    for name in ("date", "outlet", "date and outlet", "byline", "source address", "refused"):
        print(f"  {name:<16} {counts[name]:>4} of {len(files)}")
    print("  outlets: " + ", ".join(f"{name} {count}" for name, count in outlets.most_common()))


def report_furnished(folder: Path, *, listing: bool) -> None:
    files = sorted(path for path in folder.rglob("*.txt"))
    print(f"{folder}: {len(files)} plain-text files, each in {len(LAYOUTS)} layouts")
    for layout, (template, outlet, stamp) in LAYOUTS.items():
        counts: Counter[str] = Counter()
        for path in files:
            _, bare = read_article(data=path.read_bytes(), filename=path.name)
            text = template.format(title=bare.title, body=bare.body)
            _, parsed = read_article(data=text.encode("utf-8"), filename=path.name)
            checks = {
                "date": parsed.published_at == stamp,
                "outlet": parsed.outlet == outlet,
                "headline": parsed.title == bare.title,
                "body": parsed.body == _expected_body(template, bare.body),
            }
            counts.update(name for name, right in checks.items() if right)
            counts["all four"] += all(checks.values())
            if listing and not all(checks.values()):
                wrong = ", ".join(name for name, right in checks.items() if not right)
                print(f"  {layout}: {path.name}: wrong {wrong} ({parsed.published_at}, {parsed.outlet!r})")
        figures = ", ".join(f"{name} {counts[name]}" for name in ("date", "outlet", "headline", "body", "all four"))
        print(f"  {layout:<30} ({outlet or 'no outlet stated'}) right of {len(files)}: {figures}")


def _expected_body(template: str, body: str) -> str:
    """The body as the layout shows it: a wire story's dateline opens its first paragraph."""
    prefix = template.partition("{body}")[0].rpartition("\n\n")[2]
    return prefix + body


if __name__ == "__main__":
    main()
