"""The import_articles command: one line per file, a summary, and an exit status that says if any was refused."""

import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from factcheck.models import Article

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BBC = SEEDS / "bbc-2010-03-17-ed-balls-23m-social-workers.txt"
INDEPENDENT = SEEDS / "independent-2009-social-services-58m-overhaul.txt"


def run(*args) -> str:
    out = StringIO()
    call_command("import_articles", *map(str, args), stdout=out, no_color=True)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    shutil.copy(BBC, tmp_path / BBC.name)
    shutil.copy(INDEPENDENT, tmp_path / "nested" / "deeper" / INDEPENDENT.name)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01hidden")
    return tmp_path


def test_a_folder_is_searched_recursively_and_each_file_gets_a_line(folder):
    output = run(folder)
    assert f"imported: {folder / BBC.name}: “Ed Balls promises 23m extra for social workers”" in output
    assert "Social services to be given £58m overhaul" in output
    assert ".DS_Store" not in output
    assert output.strip().endswith("2 imported, 0 already imported, 0 refused.")
    assert Article.objects.count() == 2


def test_reimporting_reports_already_imported_and_succeeds(folder):
    run(folder)
    output = run(folder / BBC.name)
    assert "already imported:" in output
    assert "0 imported, 1 already imported, 0 refused." in output
    assert Article.objects.count() == 1 + 1


def test_any_refused_file_makes_the_command_fail_but_the_rest_are_imported(folder):
    bad = folder / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 3 files were refused"):
        call_command("import_articles", str(folder), stdout=out, no_color=True)
    assert f"refused: {bad}: The file is an image file (PNG)" in out.getvalue()
    assert "2 imported, 0 already imported, 1 refused." in out.getvalue()
    assert Article.objects.count() == 2


def test_a_missing_path_is_reported_like_a_refused_file(tmp_path):
    missing = tmp_path / "nowhere.txt"
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    out = StringIO()
    with pytest.raises(CommandError, match="2 of 3 files were refused"):
        call_command("import_articles", str(missing), str(tmp_path / "dangling.txt"), str(BBC), stdout=out)
    assert f"refused: {missing}: No such file or folder." in out.getvalue()
    assert Article.objects.count() == 1


def test_dry_run_writes_nothing_and_spots_duplicates_within_the_run(folder):
    shutil.copy(BBC, folder / "copy.txt")
    output = run(folder, "--dry-run")
    assert output.count("would import:") == 2
    assert "already imported:" in output
    assert "2 would be imported, 1 already imported, 0 refused." in output
    assert not Article.objects.exists()


def test_outlet_and_published_override_what_was_detected():
    run(BBC, "--outlet", "Archive Desk", "--published", "2010-03-18")
    article = Article.objects.get()
    assert article.outlet.name == "Archive Desk"
    assert timezone.localtime(article.published_at).isoformat() == "2010-03-18T00:00:00+00:00"


def test_a_bad_published_date_is_refused_before_anything_is_imported():
    with pytest.raises(CommandError, match="not a date"):
        run(BBC, "--published", "2010-02-30")
    assert not Article.objects.exists()


def test_the_process_exit_status_is_one_when_a_file_was_refused(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    database = tmp_path / "db.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": ""}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    good = subprocess.run([*manage, "import_articles", str(BBC)], env=env, cwd=ROOT, capture_output=True, text=True)
    bad = subprocess.run(
        [*manage, "import_articles", str(tmp_path / "empty.txt")], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert good.returncode == 0, good.stderr
    assert bad.returncode == 1
    assert "refused:" in bad.stdout and "The file is empty." in bad.stdout
    assert "Traceback" not in bad.stderr
