"""report: one self-contained HTML file of the stories, for reading offline.

Entry point: ``render_report(stories, articles) -> str`` on the exported records
(``stories.json``'s stories and ``articles.jsonl``'s articles, as dicts). Everything that came
from an article is escaped (Jinja2 autoescape) and links are kept only for http(s) URLs; the page
loads nothing from the network: styles and charts (inline SVG) are in the file.
"""

from storyline.report.build import render_report, story_view

__all__ = ["render_report", "story_view"]
