#!/usr/bin/env python3
"""Turns a sitegen site (from make-corpus.py) into the equivalent Hugo site.

    corpus-to-hugo.py SITE_DIR HUGO_DIR

HUGO_DIR gets config.yaml and layouts/ from Benchmarks/hugo-site/, and:
  content/articles/<slug>.md  the same files; the front matter key `summary` becomes
                              Hugo's `description`; bodies are copied byte for byte
                              (`other.md` links are resolved by layouts' render-link hook)
  content/{articles,skills,salaries,search}/_index.md   section and taxonomy titles
  data/skills.yaml, data/salaries.yaml                   the registry and salary figures
  static/assets/              the theme's assets (style.css...)
Stdlib only.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "hugo-site")


def convert_article(text):
    lines = text.split("\n")
    if lines[0] != "---":
        return text
    for i in range(1, len(lines)):
        if lines[i] == "---":
            break
        if lines[i].startswith("summary:"):
            lines[i] = "description:" + lines[i][len("summary:"):]
    return "\n".join(lines)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: corpus-to-hugo.py SITE_DIR HUGO_DIR")
    site, hugo = sys.argv[1], sys.argv[2]
    for name in ("content", "data", "static", "layouts", "public", "resources"):
        shutil.rmtree(os.path.join(hugo, name), ignore_errors=True)
    os.makedirs(hugo, exist_ok=True)
    shutil.copy(os.path.join(TEMPLATE, "config.yaml"), os.path.join(hugo, "config.yaml"))
    shutil.copytree(os.path.join(TEMPLATE, "layouts"), os.path.join(hugo, "layouts"))

    source = os.path.join(site, "content", "articles")
    target = os.path.join(hugo, "content", "articles")
    os.makedirs(target)
    count = 0
    for name in sorted(os.listdir(source)):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(source, name), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(target, name), "w", encoding="utf-8", newline="") as f:
            f.write(convert_article(text))
        count += 1
    sections = {"articles": "Articles", "skills": "Skills", "salaries": "Salaries", "search": "Search"}
    for section, title in sections.items():
        folder = os.path.join(hugo, "content", section)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "_index.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: {title}\n---\n")

    os.makedirs(os.path.join(hugo, "data"))
    for name in ("skills.yaml", "salaries.yaml"):
        shutil.copy(os.path.join(site, "content", name), os.path.join(hugo, "data", name))
    assets = os.path.join(site, "templates", "assets")
    if os.path.isdir(assets):
        shutil.copytree(assets, os.path.join(hugo, "static", "assets"))
    print(f"wrote a Hugo site of {count} articles into {hugo}", file=sys.stderr)


if __name__ == "__main__":
    main()
