"""Run axe-core (vendored) in a page and fail on any violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.2 A and AA, plus axe's best practices (landmarks, headings, skip links…).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['failureSummary']!r}")
    return "\n".join(lines)


def _page_address(url: str) -> str:
    return url.split("#", 1)[0]  # following an in-page link is not a new page


class AxeChecker:
    """Check pages with axe-core and remember which URLs were checked."""

    def __init__(self) -> None:
        self.visited: list[str] = []
        self.checked: set[str] = set()

    def track(self, page: Page) -> None:
        """Record every top-level navigation of ``page``."""
        page.on(
            "framenavigated",
            lambda frame: (
                frame == page.main_frame and self.visited.append(_page_address(frame.url))
            ),
        )

    def __call__(self, page: Page) -> None:
        """Fail if axe-core finds any violation in the page as it is now."""
        page.wait_for_load_state("load")
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate(
            "tags => axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            TAGS,
        )
        self.checked.add(_page_address(page.url))
        violations = results["violations"]
        assert not violations, f"axe-core found problems on {page.url}:\n{_describe(violations)}"

    def assert_every_page_checked(self) -> None:
        """Each page the test navigated to must have been checked."""
        unchecked = [
            url for url in self.visited if url not in self.checked and url != "about:blank"
        ]
        assert not unchecked, f"pages visited without an axe-core check: {unchecked}"
