"""The Backend Engineering topic catalog.

Six core topics make the default plan (as in the reference product, two questions each); the focus
topics go deeper on one area, and the language topics ask about the candidate's language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str
    group: str  # "core", "focus" or "language"


CATALOG: tuple[Topic, ...] = (
    Topic(
        "introduction", "Introduction", "Background, recent work, what you are proud of.", "core"
    ),
    Topic(
        "coding", "Coding", "Data structures, algorithms and clean code, talked through.", "core"
    ),
    Topic("system_design", "System Design", "Designing services that scale and fail well.", "core"),
    Topic(
        "databases",
        "Databases and Data Management",
        "Modelling, querying and keeping data.",
        "core",
    ),
    Topic("behavioral", "Behavioral", "Teamwork, conflict, ownership, incidents.", "core"),
    Topic(
        "general_backend",
        "General Backend Knowledge",
        "The everyday craft of backend work.",
        "core",
    ),
    Topic("http_apis", "HTTP and APIs", "REST, status codes, idempotency, versioning.", "focus"),
    Topic("sql_indexing", "SQL and Indexing", "Query plans, B-trees, composite indexes.", "focus"),
    Topic(
        "transactions", "Transactions and Isolation", "ACID, isolation levels, anomalies.", "focus"
    ),
    Topic("caching", "Caching", "Cache strategies, invalidation, stampedes.", "focus"),
    Topic("concurrency", "Concurrency", "Threads, locks, races, async I/O.", "focus"),
    Topic(
        "queues_streaming",
        "Queues and Streaming",
        "Brokers, delivery guarantees, ordering.",
        "focus",
    ),
    Topic(
        "distributed_systems", "Distributed Systems", "Consistency, consensus, partitions.", "focus"
    ),
    Topic("security_auth", "Security and Auth", "AuthN/Z, tokens, OWASP risks.", "focus"),
    Topic("observability", "Observability", "Logs, metrics, traces, alerting.", "focus"),
    Topic("testing", "Testing", "Unit, integration, contract and load tests.", "focus"),
    Topic("lang_go", "Go", "Goroutines, channels, interfaces, the runtime.", "language"),
    Topic("lang_python", "Python", "The GIL, asyncio, typing, packaging.", "language"),
    Topic("lang_java", "Java", "The JVM, GC, concurrency utilities.", "language"),
    Topic(
        "lang_javascript",
        "JavaScript/TypeScript",
        "The event loop, promises, Node.js, types.",
        "language",
    ),
)

BY_ID: dict[str, Topic] = {t.id: t for t in CATALOG}
DEFAULT_TOPICS: tuple[str, ...] = tuple(t.id for t in CATALOG if t.group == "core")

# Words people type for a topic, so `--topic sql` or `--topic "System Design"` both work.
_ALIASES: dict[str, str] = {
    "intro": "introduction",
    "algorithms": "coding",
    "design": "system_design",
    "db": "databases",
    "database": "databases",
    "data": "databases",
    "behavior": "behavioral",
    "behaviour": "behavioral",
    "behavioural": "behavioral",
    "general": "general_backend",
    "backend": "general_backend",
    "http": "http_apis",
    "api": "http_apis",
    "apis": "http_apis",
    "rest": "http_apis",
    "sql": "sql_indexing",
    "indexing": "sql_indexing",
    "indexes": "sql_indexing",
    "isolation": "transactions",
    "cache": "caching",
    "threads": "concurrency",
    "async": "concurrency",
    "queues": "queues_streaming",
    "streaming": "queues_streaming",
    "kafka": "queues_streaming",
    "distributed": "distributed_systems",
    "security": "security_auth",
    "auth": "security_auth",
    "observability": "observability",
    "monitoring": "observability",
    "tests": "testing",
    "go": "lang_go",
    "golang": "lang_go",
    "python": "lang_python",
    "java": "lang_java",
    "javascript": "lang_javascript",
    "typescript": "lang_javascript",
    "js": "lang_javascript",
    "ts": "lang_javascript",
    "node": "lang_javascript",
}

LANGUAGES: dict[str, str] = {
    "go": "lang_go",
    "python": "lang_python",
    "java": "lang_java",
    "javascript": "lang_javascript",
    "typescript": "lang_javascript",
}


def _key(text: str) -> str:
    return "_".join(text.strip().lower().replace("-", " ").replace("/", " ").split())


def resolve_topic(text: str) -> str | None:
    """Map what a user typed (id, title or common word) to a topic id, or None."""
    key = _key(text)
    if key in BY_ID:
        return key
    for topic in CATALOG:
        if _key(topic.title) == key:
            return topic.id
    return _ALIASES.get(key) or _ALIASES.get(key.replace("_", ""))


def title(topic_id: str) -> str:
    topic = BY_ID.get(topic_id)
    return topic.title if topic else topic_id
