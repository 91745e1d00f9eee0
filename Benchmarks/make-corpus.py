#!/usr/bin/env python3
"""Writes a synthetic sitegen site for benchmarks.

    make-corpus.py N OUTDIR [--seed S] [--templates DIR]

OUTDIR gets content/site.yaml, content/skills.yaml (60 skills in 7 categories),
content/salaries.yaml (200 figures), content/articles/<slug>.md (N articles of 800 to
1,500 words) and a copy of the repository's templates/ folder, so that

    sitegen build --source OUTDIR

builds it with no errors. The output depends only on N and the seed (stdlib only; the
same Python 3 gives the same bytes on every machine).

Each article has valid front matter (title, summary, date, 3-8 skills from the registry,
sometimes a level, rarely a weight) and a body with ## and ### headings, paragraphs with
emphasis and inline code, bullet lists, fenced code blocks, links to other articles of the
corpus (`other-slug.md`, some with a `#fragment` naming a heading of that article) and to
skill pages (`/skills/<id>/`).
"""

import argparse
import datetime
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_TEMPLATES = os.path.join(os.path.dirname(HERE), "templates")

CATEGORIES = {
    "Languages": ["python", "ruby", "php", "java", "javascript", "typescript", "go", "rust", "csharp",
                  "kotlin", "scala", "elixir"],
    "Databases": ["postgresql", "mysql", "sqlite", "mongodb", "redis", "cassandra", "elasticsearch",
                  "sql", "orm", "migrations"],
    "APIs": ["rest", "graphql", "grpc", "soap", "json", "openapi", "websockets", "api-testing"],
    "Infrastructure": ["linux", "docker", "kubernetes", "terraform", "nginx", "aws", "gcp", "azure",
                       "ci-cd", "observability"],
    "Security": ["authentication", "oauth", "tls", "owasp", "secrets-management", "encryption",
                 "access-control"],
    "Testing": ["unit-testing", "integration-testing", "tdd", "debugging", "profiling", "load-testing"],
    "Practices": ["git", "code-review", "system-design", "algorithms", "caching", "message-queues",
                  "documentation"],
}
SKILL_NAMES = {
    "python": "Python", "ruby": "Ruby", "php": "PHP", "java": "Java", "javascript": "JavaScript",
    "typescript": "TypeScript", "go": "Go", "rust": "Rust", "csharp": "C#", "kotlin": "Kotlin",
    "scala": "Scala", "elixir": "Elixir", "postgresql": "PostgreSQL", "mysql": "MySQL",
    "sqlite": "SQLite", "mongodb": "MongoDB", "redis": "Redis", "cassandra": "Cassandra",
    "elasticsearch": "Elasticsearch", "sql": "SQL", "orm": "ORMs", "migrations": "Schema migrations",
    "rest": "REST", "graphql": "GraphQL", "grpc": "gRPC", "soap": "SOAP", "json": "JSON",
    "openapi": "OpenAPI", "websockets": "WebSockets", "api-testing": "API testing", "linux": "Linux",
    "docker": "Docker", "kubernetes": "Kubernetes", "terraform": "Terraform", "nginx": "nginx",
    "aws": "AWS", "gcp": "Google Cloud", "azure": "Azure", "ci-cd": "CI/CD",
    "observability": "Observability", "authentication": "Authentication", "oauth": "OAuth 2.0",
    "tls": "TLS", "owasp": "OWASP Top 10", "secrets-management": "Secrets management",
    "encryption": "Encryption", "access-control": "Access control", "unit-testing": "Unit testing",
    "integration-testing": "Integration testing", "tdd": "Test-driven development",
    "debugging": "Debugging", "profiling": "Profiling", "load-testing": "Load testing", "git": "Git",
    "code-review": "Code review", "system-design": "System design", "algorithms": "Algorithms",
    "caching": "Caching", "message-queues": "Message queues", "documentation": "Documentation",
}

# Prose vocabulary: plain lowercase words (so heading ids are simply the words joined by '-').
NOUNS = """server client request response database table index query cache queue worker service
endpoint schema migration deployment container cluster node process thread connection socket
session token password secret certificate key log metric trace alert dashboard pipeline build
test suite fixture mock review branch commit release version library framework module package
function method class object interface protocol payload header cookie route handler middleware
controller model view template config environment variable file folder disk memory latency
throughput error exception failure retry timeout backup replica shard partition transaction lock
record field column row document collection message event stream topic consumer producer job
task scheduler budget team project customer product feature bug incident outage user account
role permission policy audit network proxy gateway balancer region zone instance image volume
developer engineer manager mentor interview portfolio career skill language compiler runtime""".split()
VERBS = """reads writes sends receives stores caches checks validates parses renders builds deploys
tests measures logs traces retries rejects accepts returns handles routes scales splits joins
merges sorts filters groups counts limits locks signs encrypts decrypts hashes compresses
monitors restarts replaces updates removes creates loads saves streams batches queues
schedules reviews documents explains shows keeps needs uses calls opens closes""".split()
ADJECTIVES = """fast slow small large simple complex stable fragile safe unsafe local remote shared
private public internal external new old main common rare useful careful clear plain strict
loose cheap costly busy idle early late single multiple partial complete typical modern legacy
reliable flaky readable durable consistent eventual synchronous asynchronous""".split()
ADVERBS = """quickly slowly safely rarely often always never usually carefully clearly quietly
directly eventually gradually""".split()
CONNECTORS = ["and", "but", "so", "because", "while", "although", "when", "before", "after", "unless"]
DETERMINERS = ["the", "a", "each", "every", "this", "that", "one", "no", "some", "any"]
PREPOSITIONS = ["to", "from", "with", "without", "for", "in", "on", "behind", "through", "after",
                "before", "under", "over", "into"]
CODE_IN_EVERY_ARTICLE = False
CODE_LANGS = ["python", "go", "sql", "sh", "json", "yaml", "java", "js"]
IDENTIFIERS = ["user_id", "fetchOrders", "retry_count", "cacheKey", "max_connections", "handler",
               "config.yaml", "SELECT", "HTTP 503", "GET /orders", "docker compose up", "git rebase",
               "EXPLAIN ANALYZE", "timeout_ms", "Authorization", "pool_size", "make test", "404"]

ROLES = ["Backend developer", "Senior backend developer", "Junior backend developer", "Software engineer",
         "Staff engineer", "Engineering manager", "Site reliability engineer", "DevOps engineer",
         "Data engineer", "Full-stack developer", "API developer", "Platform engineer"]
REGIONS = {
    "USD": ["United States", "New York, United States", "California, United States", "Texas, United States", "Remote (US)"],
    "EUR": ["Germany", "France", "Netherlands", "Spain", "Ireland"],
    "GBP": ["United Kingdom", "London, United Kingdom", "Scotland"],
    "INR": ["India", "Bengaluru, India", "Pune, India"],
    "CAD": ["Canada", "Toronto, Canada"],
    "AUD": ["Australia", "Sydney, Australia"],
    "JPY": ["Japan", "Tokyo, Japan"],
    "CHF": ["Switzerland"],
}
SCALE = {"USD": 100000, "EUR": 65000, "GBP": 55000, "INR": 1200000, "CAD": 95000, "AUD": 110000,
         "JPY": 7000000, "CHF": 115000}
SOURCES = ["Glassdoor", "PayScale", "Indeed", "Levels.fyi", "Stack Overflow survey", "Hays", "not named",
           "Built In", "ZipRecruiter", "Talent.com"]
LEVELS = ["junior", "mid", "senior", "lead"]


def sentence_words(rng, lo=8, hi=20):
    """A sentence as a list of plain words (the first capitalised, a period at the end)."""
    words = []
    target = rng.randint(lo, hi)
    while len(words) < target:
        words += [rng.choice(DETERMINERS), rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(VERBS)]
        pattern = rng.random()
        if pattern < 0.4:
            words += [rng.choice(DETERMINERS), rng.choice(NOUNS)]
        elif pattern < 0.7:
            words += [rng.choice(ADVERBS), rng.choice(PREPOSITIONS), rng.choice(DETERMINERS), rng.choice(NOUNS)]
        else:
            words += [rng.choice(PREPOSITIONS), rng.choice(NOUNS), rng.choice(CONNECTORS)]
    words = words[:target]
    while words[-1] in CONNECTORS or words[-1] in DETERMINERS or words[-1] in PREPOSITIONS:
        words.append(rng.choice(NOUNS))
    words[0] = words[0].capitalize()
    words[-1] += "."
    return words


def heading_text(rng, used):
    while True:
        words = [rng.choice(ADJECTIVES + NOUNS) for _ in range(rng.randint(2, 5))]
        words[0] = words[0].capitalize()
        text = " ".join(words)
        key = "-".join(w.lower() for w in words)
        if key not in used:
            used.add(key)
            return text, key


class Article:
    def __init__(self, index, seed, skill_ids):
        self.index = index
        rng = random.Random(f"{seed}:article:{index}")
        self.rng = rng
        words = [rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(NOUNS)]
        self.slug = "-".join(words) + f"-{index:05d}"
        self.title = " ".join([words[0].capitalize(), words[1], words[2], "in", rng.choice(["practice", "production",
                               "depth", "review", "plain English", "a week", "small teams", "large systems"])])
        self.summary = " ".join(sentence_words(rng, 14, 26))
        start = datetime.date(2016, 1, 1).toordinal()
        end = datetime.date(2026, 6, 30).toordinal()
        self.date = datetime.date.fromordinal(rng.randint(start, end)).isoformat()
        self.skills = rng.sample(skill_ids, rng.randint(3, 8))
        self.level = rng.choice(LEVELS) if rng.random() < 0.6 else None
        self.weight = rng.randint(1, 50) if rng.random() < 0.01 else None
        self.words = rng.randint(800, 1500)
        # Headings are chosen up front, so other articles can link to them by #fragment.
        used = set()
        self.sections = []  # [(h2 text, h2 id, [(h3 text, h3 id)])]
        for _ in range(rng.randint(4, 7)):
            h2 = heading_text(rng, used)
            subs = [heading_text(rng, used) for _ in range(rng.choice([0, 0, 1, 2, 3]))]
            self.sections.append((h2[0], h2[1], subs))

    def fragments(self):
        for text, ident, subs in self.sections:
            yield ident
            for _, sub in subs:
                yield sub


def paragraph(rng, articles, me, skill_ids, link_budget, sentences=(3, 6)):
    """A paragraph with emphasis, inline code and (sometimes) links. Returns (text, words)."""
    out = []
    count = 0
    for _ in range(rng.randint(*sentences)):
        words = sentence_words(rng)
        count += len(words)
        r = rng.random()
        if r < 0.15:
            i = rng.randrange(1, len(words) - 1)
            words[i] = f"*{words[i]}*"
        elif r < 0.25:
            i = rng.randrange(1, len(words) - 2)
            words[i] = f"**{words[i]} {words[i + 1]}**"
            del words[i + 1]
        elif r < 0.35:
            i = rng.randrange(1, len(words) - 1)
            words.insert(i, f"`{rng.choice(IDENTIFIERS)}`")
            count += 1
        if link_budget[0] > 0 and rng.random() < 0.3:
            link_budget[0] -= 1
            i = rng.randrange(1, len(words) - 2)
            if rng.random() < 0.6 and len(articles) > 1:
                other = articles[rng.randrange(len(articles))]
                if other is me:
                    other = articles[(me.index + 1) % len(articles)]
                target = other.slug + ".md"
                if rng.random() < 0.25:
                    target += "#" + rng.choice(list(other.fragments()))
            else:
                target = f"/skills/{rng.choice(skill_ids)}/"
            words[i] = f"[{words[i]} {words[i + 1]}]({target})"
            del words[i + 1]
        out.append(" ".join(words))
    return " ".join(out), count


def bullet_list(rng):
    items = []
    count = 0
    for _ in range(rng.randint(3, 6)):
        words = sentence_words(rng, 4, 12)
        if rng.random() < 0.3:
            words[0] = f"**{words[0]}**"
        count += len(words)
        items.append(("- " if rng.random() < 0.8 else "1. ") + " ".join(words))
    if any(item.startswith("1. ") for item in items):  # one list, one marker kind
        items = [f"{n}. " + item.split(" ", 1)[1] for n, item in enumerate(items, 1)]
    return "\n".join(items), count


def code_block(rng):
    lang = rng.choice(CODE_LANGS)
    lines = []
    for _ in range(rng.randint(4, 12)):
        indent = "    " * rng.randint(0, 2)
        a, b = rng.choice(NOUNS), rng.choice(NOUNS)
        shape = rng.random()
        if shape < 0.3:
            lines.append(f"{indent}{a}_{b} = {rng.choice(VERBS)}({rng.choice(NOUNS)}, {rng.randint(0, 999)})")
        elif shape < 0.5:
            lines.append(f"{indent}if {a}.{rng.choice(ADJECTIVES)} < {rng.randint(1, 100)}:")
        elif shape < 0.7:
            lines.append(f"{indent}# {rng.choice(VERBS)} the {a} before the {b} <{rng.choice(ADJECTIVES)}> & more")
        else:
            lines.append(f'{indent}"{a}": "{b}-{rng.randint(0, 99)}",')
    return f"```{lang}\n" + "\n".join(lines) + "\n```"


def article_text(article, articles, skill_ids):
    rng = article.rng
    blocks = []
    words = 0
    link_budget = [rng.randint(3, 10)]

    def para(sentences=(3, 6)):
        nonlocal words
        text, n = paragraph(rng, articles, article, skill_ids, link_budget, sentences)
        blocks.append(text)
        words += n

    para()
    sections = article.sections
    per_section = article.words / len(sections)
    for index, (h2, _, subs) in enumerate(sections):
        blocks.append(f"## {h2}")
        words += len(h2.split())
        section_goal = min(article.words - 30, per_section * (index + 1))
        parts = [None] + [sub for sub, _ in subs]
        for p, sub in enumerate(parts):
            if sub is not None:
                blocks.append(f"### {sub}")
                words += len(sub.split())
            goal = section_goal if p == len(parts) - 1 else words + (section_goal - words) / (len(parts) - p)
            para((3, 6) if words < goal - 60 else (1, 2))
            extras = 0
            while words < goal - 40 and extras < 6:
                extras += 1
                r = rng.random()
                if r < 0.2:
                    text, n = bullet_list(rng)
                    blocks.append(text)
                    words += n
                elif r < 0.3:
                    blocks.append(code_block(rng))
                else:
                    para()
    # Top up or trim to the article's word budget: 800-1,500 words of prose.
    while words < article.words - 20:
        para()
    if CODE_IN_EVERY_ARTICLE and not any(block.startswith("```") for block in blocks):
        # After the opening paragraph, where a tutorial shows its first command.
        blocks.insert(min(1, len(blocks)), code_block(rng))
    text = "\n\n".join(blocks) + "\n"
    return text, words


def prose_words(markdown):
    """Words a reader sees outside code blocks (link targets and markup left out)."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "] ", text)
    return sum(1 for token in text.split() if re.search(r"[A-Za-z0-9]", token))


def article_body(article, articles, skill_ids):
    """The body, regenerated with a smaller or larger budget until it has 800-1,500 words."""
    state = article.rng.getstate()
    goal = article.words
    for _ in range(20):
        text, _ = article_text(article, articles, skill_ids)
        words = prose_words(text)
        if 800 <= words <= 1500:
            return text, words
        article.rng.setstate(state)
        article.words = goal = goal - (words - 1500) - 20 if words > 1500 else goal + (800 - words) + 20
    raise SystemExit(f"cannot fit {article.slug} into 800-1,500 words")


def front_matter(article):
    lines = ["---", f'title: "{article.title}"', f'summary: "{article.summary}"', f"date: {article.date}",
             "skills: [" + ", ".join(article.skills) + "]"]
    if article.level:
        lines.append(f"level: {article.level}")
    if article.weight is not None:
        lines.append(f"weight: {article.weight}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def skills_yaml(seed):
    rng = random.Random(f"{seed}:skills")
    out = ["# Synthetic skills registry for the sitegen benchmark."]
    for category, ids in CATEGORIES.items():
        for ident in ids:
            description = " ".join(" ".join(sentence_words(rng, 12, 22)) for _ in range(2))
            out += [f"- id: {ident}", f'  name: "{SKILL_NAMES[ident]}"', f"  category: {category}",
                    f"  description: >-", f"    {description}"]
    return "\n".join(out) + "\n"


def salaries_yaml(seed, rows=200):
    rng = random.Random(f"{seed}:salaries")
    out = ["# Synthetic salary figures for the sitegen benchmark."]
    currencies = list(REGIONS)
    for _ in range(rows):
        currency = rng.choices(currencies, weights=[8, 4, 3, 3, 2, 2, 1, 1])[0]
        amount = int(SCALE[currency] * rng.uniform(0.5, 2.2))
        out += ["", f"- role: {rng.choice(ROLES)}", f"  region: {rng.choice(REGIONS[currency])}",
                f"  currency: {currency}", f"  amount: {amount}", f"  source: {rng.choice(SOURCES)}"]
        if rng.random() < 0.8:
            out.append(f"  statistic: {rng.choice(['average', 'median', 'estimate'])}")
        r = rng.random()
        if r < 0.45:
            out.append(f"  as_of: {rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}")
        elif r < 0.8:
            out.append(f"  as_of: {rng.randint(2019, 2025)}")
        if rng.random() < 0.3:
            out.append(f"  level: {rng.choice(LEVELS)}")
        if rng.random() < 0.4:
            out.append(f"  source_url: https://example.com/salaries/{rng.randint(1000, 9999)}")
        if rng.random() < 0.3:
            out.append(f"  note: {' '.join(sentence_words(rng, 6, 14))}")
    return "\n".join(out) + "\n"


SITE_YAML = """title: sitegen benchmark corpus
description: >-
  A synthetic site of {n} articles, generated with seed {seed} to measure how fast sitegen
  builds a large site.
base_url: https://example.org/bench/
language: en
author: make-corpus.py
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir", help="site folder to write (content/ and templates/)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--templates", default=REPO_TEMPLATES, help="theme folder to copy (default: the repository's)")
    parser.add_argument("--code-in-every-article", action="store_true",
                        help="give every article at least one fenced code block (for the cost of highlighting)")
    args = parser.parse_args()
    global CODE_IN_EVERY_ARTICLE
    CODE_IN_EVERY_ARTICLE = args.code_in_every_article
    if args.n < 1:
        parser.error("N must be at least 1")

    content = os.path.join(args.outdir, "content")
    if os.path.exists(content):
        shutil.rmtree(content)
    skill_ids = [ident for ids in CATEGORIES.values() for ident in ids]
    write(os.path.join(content, "site.yaml"), SITE_YAML.format(n=args.n, seed=args.seed))
    write(os.path.join(content, "skills.yaml"), skills_yaml(args.seed))
    write(os.path.join(content, "salaries.yaml"), salaries_yaml(args.seed))

    articles = [Article(i, args.seed, skill_ids) for i in range(args.n)]
    total_words = 0
    for article in articles:
        body, words = article_body(article, articles, skill_ids)
        total_words += words
        write(os.path.join(content, "articles", article.slug + ".md"), front_matter(article) + body)

    templates = os.path.join(args.outdir, "templates")
    if os.path.exists(templates):
        shutil.rmtree(templates)
    shutil.copytree(args.templates, templates)
    print(f"wrote {args.n} articles ({total_words} words, {total_words // args.n} per article) "
          f"into {args.outdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
