"""WCAG AA contrast for the public site's text colours, read from the stylesheet itself."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "factcheck/static/factcheck/site.css").read_text(encoding="utf-8")
AA_NORMAL_TEXT = 4.5


def variable(name: str) -> str:
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def badge_backgrounds() -> list[str]:
    return re.findall(r"\.badge-[a-z-]+(?:, \.badge-[a-z-]+)* \{ background: (#[0-9a-fA-F]{6}); \}", CSS)


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


TEXT_ON_BACKGROUNDS = [(fg, bg) for fg in ("ink", "muted", "link", "accent") for bg in ("paper", "wash", "mark")]


@pytest.mark.parametrize(("foreground", "background"), TEXT_ON_BACKGROUNDS)
def test_text_colours_pass_aa_on_every_page_background(foreground, background):
    assert contrast(variable(foreground), variable(background)) >= AA_NORMAL_TEXT


def test_every_rating_badge_passes_aa_with_white_text():
    backgrounds = badge_backgrounds()
    assert len(backgrounds) >= 7
    for background in backgrounds:
        assert contrast("#ffffff", background) >= AA_NORMAL_TEXT, background


def test_masthead_text_passes_aa():
    assert contrast("#d9d9d9", variable("ink")) >= AA_NORMAL_TEXT
    assert contrast("#ffffff", variable("ink")) >= AA_NORMAL_TEXT
