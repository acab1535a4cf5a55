"""Entity definitions in an imported web page are never expanded: a "billion laughs" page stays as small as it came,
and an external entity never reads a file from the server.

Checked by what is stored (its size, the entities left literal), not by timing.
"""

import pytest

from factcheck.importing import import_article

pytestmark = pytest.mark.django_db

BODY = (
    "<html><head><title>Minister pledges {entity} for schools</title></head><body><article>"
    "<h1>Minister pledges {entity} for schools</h1>"
    "<p>The minister promised {entity} to every school in the county by the end of the next parliament.</p>"
    "<p>The opposition said the money had already been announced twice and would not reach classrooms.</p>"
    "</article></body></html>"
)


def billion_laughs(levels: int = 9) -> str:
    """Each entity is ten of the one before: &lol9; would be 10^9 "lol"s (3 GB) if expanded."""
    definitions = ['<!ENTITY lol0 "lol">']
    definitions += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels + 1)]
    return f"<!DOCTYPE html [\n{chr(10).join(definitions)}\n]>\n" + BODY.format(entity=f"&lol{levels};")


def test_a_billion_laughs_page_is_stored_without_expanding_its_entities():
    page = billion_laughs().encode()
    article = import_article(data=page, filename="bomb.html").article
    assert "&lol9;" in article.body
    assert article.body.count("lol") < 10
    assert len(article.body) < len(page)
    assert len(article.original_text) == len(page.decode())


def test_a_quadratic_blowup_page_stays_small():
    """One large entity used many times (no nesting): still never expanded."""
    definition = f'<!DOCTYPE html [<!ENTITY big "{"x" * 50_000}">]>\n'
    page = (definition + BODY.format(entity="&big; " * 2_000)).encode()
    article = import_article(data=page, filename="blowup.html").article
    assert len(article.body) < len(page)
    assert "x" * 1000 not in article.body


def test_an_external_entity_is_not_read_from_the_server():
    page = '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' + BODY.format(entity="&xxe;")
    article = import_article(data=page.encode(), filename="xxe.html").article
    assert "root:" not in article.body
    assert "&xxe;" in article.body
