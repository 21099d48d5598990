"""Bank questions for HTTP/APIs, SQL and indexing, transactions, caching and concurrency."""
# ruff: noqa: E501  (question text and reference answers are prose data)

from __future__ import annotations

from interviewer_tui.llm.bank.model import BankQuestion, q

QUESTIONS: tuple[BankQuestion, ...] = (
    # -- HTTP and APIs --------------------------------------------------------------------------
    q(
        "http_apis",
        "easy",
        "What is the difference between the HTTP methods GET, POST, PUT and DELETE?",
        {
            "GET reads without side effects": "get reads|get retrieves|get fetches|safe|no side effect|read-only|read only",
            "POST creates or triggers": "post creates|post submits|create a new|creates a resource|non-idempotent|not idempotent",
            "PUT replaces and is idempotent": "put replaces|replace|idempotent",
            "DELETE removes": "delete removes|removes|deletes",
        },
        "GET reads a resource; it is safe, with no side effects, so it can be cached and retried. POST "
        "creates a new resource or triggers an action, for example POST /orders creates an order; it is not "
        "idempotent, so sending it twice may create two orders. PUT replaces the resource at a known URL "
        "with the body sent; it is idempotent, because sending the same PUT twice leaves the same state. "
        "DELETE removes the resource and is also idempotent: deleting twice leaves it deleted, although the "
        "second call may return 404.",
    ),
    q(
        "http_apis",
        "easy",
        "Which HTTP status codes would you return for a successful create, a validation error, a missing resource and a server failure?",
        {
            "201 Created for a create": "201|created",
            "400 or 422 for validation errors": "400|422|bad request|unprocessable",
            "404 for a missing resource": "404|not found",
            "500 family for server failures": "500|503|internal server error|5xx",
        },
        "For a successful create I return 201 Created, with a Location header pointing to the new resource "
        "and usually the resource in the body. For a validation error I return 400 Bad Request, or 422 "
        "Unprocessable Entity when the JSON is well-formed but the values are invalid, with details of each "
        "field. A missing resource is 404 Not Found. A server failure is 500 Internal Server Error, or 503 "
        "Service Unavailable when the service is overloaded or a dependency is down, which tells clients "
        "they can retry later. The 4xx codes mean the client must change the request; 5xx mean it is our "
        "fault.",
    ),
    q(
        "http_apis",
        "medium",
        "How would you version a public REST API, and how do you evolve it without breaking clients?",
        {
            "versioning scheme": "url|path|/v1|header|accept|media type|query parameter",
            "additive, backward-compatible changes": "additive|backward compatible|backwards compatible|optional field|new field",
            "deprecation policy": "deprecat|sunset|notice|timeline|migration guide",
            "contract testing or monitoring usage": "contract test|schema|openapi|usage|monitor|which clients",
        },
        "I would put the major version in the URL path, like /v1/orders, because it is explicit and easy to "
        "route; a header or media type version is cleaner but harder for clients to see. Within a version, "
        "only additive, backward compatible changes are allowed: new optional fields and new endpoints, "
        "never removing or renaming fields, and clients must ignore unknown fields. A breaking change means "
        "a new version and a deprecation policy: announce it with a Sunset header, give notice and a "
        "timeline of months with a migration guide. I keep an OpenAPI schema with contract tests in CI, and "
        "monitor usage per version to know which clients still need to move.",
    ),
    q(
        "http_apis",
        "medium",
        "A client retries a POST /payments request after a timeout. How do you make sure the customer is not charged twice?",
        {
            "idempotency key from the client": "idempotency key|idempotency-key|request id|unique key",
            "store the key with the result": "store|record|save the key|persist",
            "return the original response on repeat": "same response|original response|stored response|return the result|replay",
            "handle concurrent duplicates": "concurrent|in progress|lock|unique constraint|409|conflict",
        },
        "The client generates an idempotency key, a unique id per logical payment, and sends it in an "
        "Idempotency-Key header on every retry. The server stores the key together with the request hash "
        "and, once done, the result, in the same transaction as the payment. When a retry arrives with a "
        "known key, the server does not charge again but returns the original response. Concurrent "
        "duplicates are the tricky part: a unique constraint on the key makes the second insert fail, and "
        "while the first is still in progress the server returns 409 Conflict or waits. Keys expire after a "
        "retention period like 24 hours.",
    ),
    q(
        "http_apis",
        "hard",
        "Compare REST, gRPC and GraphQL for communication between internal services and for a public API. When would you pick each?",
        {
            "gRPC with protobuf and HTTP/2": "grpc|protobuf|protocol buffers|http/2|http2",
            "GraphQL flexible queries and its costs": "graphql|over-fetch|overfetch|n+1|query complexity|single endpoint",
            "REST simplicity and caching": "rest|caching|cacheable|cdn|simple|ubiquitous",
            "streaming and schema evolution": "stream|schema evolution|backward|field numbers|codegen|code generation",
            "a choice per use case": "internal|public|browser|mobile|partner|third-party",
        },
        "For internal service-to-service calls I would pick gRPC: protobuf contracts with code generation, "
        "compact binary messages over HTTP/2, deadlines and bidirectional streaming, and schema evolution "
        "by field numbers that keeps old clients working. For a public API for third-party developers, "
        "REST is the safe default: simple, ubiquitous tooling, easy to debug, and GET responses are "
        "cacheable by CDNs and browsers. GraphQL fits a client-driven product API, for example mobile and "
        "web frontends that need to avoid over-fetching and many round trips through a single endpoint; "
        "its costs are harder caching, N+1 resolvers that need batching, and query complexity limits to "
        "protect the server.",
    ),
    q(
        "http_apis",
        "hard",
        "Design the API for a long-running operation, such as generating a large report, that can take minutes.",
        {
            "202 Accepted with a job resource": "202|accepted|job id|operation id|job resource",
            "polling the status": "poll|status endpoint|get /jobs|progress",
            "callbacks or webhooks": "webhook|callback|notify|server-sent|websocket",
            "idempotent creation and cancellation": "idempoten|cancel",
            "result retrieval and expiry": "result url|download|expire|retention|signed url|location",
        },
        "The create call returns 202 Accepted immediately with a job resource, for example a job id and a "
        "Location header pointing to /jobs/{id}. Clients poll the status endpoint, which returns the state "
        "and progress, with a Retry-After header hinting how often to poll. To avoid polling, clients can "
        "register a webhook callback that we notify on completion, signed so they can verify it. Creation "
        "accepts an idempotency key so a retried request does not start two jobs, and DELETE or a cancel "
        "action stops a job. When done, the status contains a result URL, often a signed URL to object "
        "storage for download, which will expire after a retention period.",
    ),
    # -- SQL and indexing -----------------------------------------------------------------------
    q(
        "sql_indexing",
        "easy",
        "What is a database index, and what does it cost?",
        {
            "faster lookups without a full scan": "faster|full scan|full table scan|scan every row|lookup",
            "a B-tree or sorted structure": "b-tree|btree|b tree|sorted|tree",
            "slower writes": "slower writes|write|insert|update",
            "extra storage": "storage|disk space|space|memory",
        },
        "An index is a separate data structure, usually a B-tree kept sorted by the indexed columns, that "
        "lets the database find rows by those columns with a fast lookup instead of a full table scan that "
        "reads every row. It makes reads faster for queries that filter or sort on the indexed columns. The "
        "costs: every insert, update and delete must also update the index, so writes get slower, and the "
        "index takes extra disk space and memory. So I add indexes for real query patterns, not on every "
        "column.",
    ),
    q(
        "sql_indexing",
        "easy",
        "What is the difference between an INNER JOIN and a LEFT JOIN?",
        {
            "inner join keeps only matching rows": "only matching|only rows that match|both tables|intersection|only the rows",
            "left join keeps all left rows": "all rows from the left|all the rows of the left|every row from the left|all left rows|keeps all",
            "nulls for missing matches": "null",
            "an example use": "customers|orders|for example|e.g",
        },
        "An INNER JOIN returns only the rows that match in both tables: if I join customers and orders on "
        "customer id, customers without orders disappear. A LEFT JOIN keeps all rows from the left table "
        "and adds the matching rows from the right; where there is no match, the right side's columns are "
        "NULL. For example, customers LEFT JOIN orders lists every customer, with NULL order columns for "
        "those who never ordered, and adding WHERE orders.id IS NULL finds exactly those customers.",
    ),
    q(
        "sql_indexing",
        "medium",
        "You have a composite index on (country, city, created_at). Which queries can use it, and which cannot?",
        {
            "leftmost prefix rule": "leftmost|prefix|first column|left to right",
            "equality then range": "equality|range|created_at >|between",
            "queries that skip the first column": "skip|without country|only city|cannot use|can't use",
            "sorting with the index": "order by|sort",
        },
        "A composite index is sorted by country, then city, then created_at, so it follows the leftmost "
        "prefix rule: queries filtering on country, on country and city, or on all three can use it. The "
        "best pattern is equality on the leading columns and a range on the last, like country = 'FR' AND "
        "city = 'Paris' AND created_at > yesterday. A query that filters only on city or only on created_at "
        "skips the first column and cannot use it efficiently, short of a skip scan in some databases. The "
        "index can also serve ORDER BY created_at for a fixed country and city without a sort step.",
    ),
    q(
        "sql_indexing",
        "medium",
        "How do you find out why a SQL query is slow, and what do you look for in the query plan?",
        {
            "EXPLAIN ANALYZE": "explain",
            "sequential scans versus index scans": "seq scan|sequential scan|full scan|index scan|index only",
            "estimated versus actual rows": "estimate|actual rows|row count|statistics|analyze",
            "join strategy and sorts": "nested loop|hash join|merge join|sort|join order",
            "fix: index or rewrite": "add an index|add index|rewrite|covering index|partial index",
        },
        "I run EXPLAIN ANALYZE to get the real plan with timings. First I look for sequential scans over big "
        "tables where I expected an index scan, often a missing index or a predicate that cannot use one, "
        "like a function on the column. Then I compare estimated rows with actual rows: large differences "
        "mean stale statistics, fixed with ANALYZE, and lead the planner to a bad join order. I check the "
        "join strategy, for instance a nested loop over many rows where a hash join fits, and expensive "
        "sorts spilling to disk. The fix is usually to add an index, a covering or partial index, or to "
        "rewrite the query.",
    ),
    q(
        "sql_indexing",
        "hard",
        "Explain how a B-tree index is laid out and why it suits range queries. Where does it perform badly?",
        {
            "balanced tree with sorted keys in pages": "balanced|page|node|fan-out|fanout",
            "leaves linked for range scans": "leaf|leaves|linked|range scan",
            "logarithmic lookup": "log|logarithmic|few levels|height",
            "bad cases: random inserts, low selectivity, functions": "random|uuid|page split|selectiv|fragment|function",
        },
        "A B-tree is a balanced tree of fixed-size pages; each node holds many sorted keys, so the fan-out "
        "is high and even billions of rows need only a few levels, giving a logarithmic lookup of three or "
        "four page reads. The leaf pages hold the keys with row pointers and are linked to their "
        "neighbours, so a range scan descends once to the start and then walks leaves in order, which is "
        "why ranges and ORDER BY are cheap. It performs badly with random inserts such as random UUID keys, "
        "which cause page splits, fragmentation and cache misses; with low selectivity, where a scan is "
        "cheaper; and when queries wrap the column in a function, unless there is an expression index.",
    ),
    q(
        "sql_indexing",
        "hard",
        "A query with WHERE status = 'pending' ORDER BY created_at LIMIT 50 is slow on a 100-million-row table where 0.1% of rows are pending. How would you fix it?",
        {
            "partial index on the pending rows": "partial index|where status = 'pending'|filtered index",
            "index order matches the sort": "created_at|order by|sorted|no sort",
            "selectivity of status alone": "selectiv|low cardinality|few distinct|most rows",
            "verify with the plan": "explain|plan|verify",
            "maintenance and write cost": "write|maintenance|bloat|vacuum|small",
        },
        "An index on status alone is poor because of its low cardinality, and the database may still sort "
        "thousands of pending rows, so selectivity has to come from the right index. I would create a "
        "partial index on created_at WHERE status = 'pending': it contains only the 0.1% of pending rows, "
        "about 100 thousand entries, so it is small and cheap to keep in memory. Because its order matches "
        "the ORDER BY created_at, the query reads the first 50 entries with no sort step. I verify with "
        "EXPLAIN ANALYZE that the plan uses an index scan with the limit. The write cost is low, since rows "
        "leave the index when their status changes, though vacuum must keep up with the churn to avoid bloat.",
    ),
    # -- transactions ---------------------------------------------------------------------------
    q(
        "transactions",
        "easy",
        "What does ACID stand for, and what does each property mean?",
        {
            "atomicity": "atomic",
            "consistency": "consisten",
            "isolation": "isolat",
            "durability": "durab",
        },
        "ACID stands for atomicity, consistency, isolation and durability. Atomicity means a transaction is "
        "all or nothing: if any step fails, everything is rolled back. Consistency means a transaction takes "
        "the database from one valid state to another, respecting constraints like foreign keys and unique "
        "keys. Isolation means concurrent transactions do not see each other's partial work, as if they ran "
        "one after another, depending on the isolation level. Durability means that once a commit is "
        "acknowledged, the data survives a crash, because it was written to disk.",
    ),
    q(
        "transactions",
        "easy",
        "Why would you wrap several database writes in one transaction? Give an example.",
        {
            "all or nothing": "all or nothing|atomic|roll back|rollback|none of them",
            "an example such as a transfer": "transfer|debit|credit|order and|account",
            "consistency after failure": "crash|fail|half|partial|inconsistent",
            "commit at the end": "commit|begin",
        },
        "A transaction makes several writes all or nothing. The classic example is a money transfer: debit "
        "one account and credit another. If the process crashes after the debit but before the credit, "
        "without a transaction the money would vanish and the data would be inconsistent, with a partial "
        "update. Inside BEGIN and COMMIT, either both writes happen or, on failure, a rollback leaves none of "
        "them, so the database never shows a half-done transfer. Other readers also never see the state in "
        "between.",
    ),
    q(
        "transactions",
        "medium",
        "Explain the isolation levels read committed, repeatable read and serializable, and the anomalies each one prevents.",
        {
            "dirty reads": "dirty read",
            "non-repeatable reads": "non-repeatable|nonrepeatable|non repeatable",
            "phantoms": "phantom",
            "serializable prevents all, with retries": "serializ|retry|retries|serialization failure",
            "default levels and trade-off": "default|performance|throughput|trade-off|tradeoff|contention",
        },
        "Read committed, the default in PostgreSQL, prevents dirty reads: you never see uncommitted data, "
        "but two reads in one transaction may return different values, a non-repeatable read. Repeatable "
        "read gives the transaction a stable snapshot, so rows it read do not change; in the SQL standard "
        "phantoms, new rows matching a query, are still possible, though PostgreSQL's snapshot prevents them. "
        "Serializable prevents all anomalies, including write skew, as if transactions ran one at a time; "
        "the database aborts conflicting transactions with a serialization failure, so the application must "
        "retry. Higher levels cost throughput and contention, a trade-off per use case.",
    ),
    q(
        "transactions",
        "medium",
        "What is the difference between optimistic and pessimistic locking? When would you use each?",
        {
            "pessimistic locks rows up front": "pessimistic|select ... for update|for update|lock the row",
            "optimistic checks a version at write time": "optimistic|version|compare|etag",
            "retry on conflict": "retry|conflict|fails|rejected",
            "choice by contention": "contention|high conflict|low conflict|rarely|frequent",
        },
        "Pessimistic locking takes a lock before changing data, for example SELECT ... FOR UPDATE, so other "
        "transactions wait until we commit. Optimistic locking takes no lock: each row has a version number, "
        "and the update says WHERE id = ? AND version = ?, so if someone else changed the row first, zero "
        "rows are updated and the write is rejected; the application then retries or reports a conflict. "
        "ETags do the same over HTTP. I use optimistic locking when conflicts are rare, such as editing "
        "user profiles, and pessimistic when contention is high, like decrementing stock for a hot product, "
        "where retries would waste work.",
    ),
    q(
        "transactions",
        "hard",
        "What is write skew? Give an example and explain how to prevent it.",
        {
            "two transactions read the same data and write different rows": "two transactions|both read|different rows|concurrent",
            "a concrete example": "doctor|on call|on-call|booking|meeting room|balance",
            "snapshot isolation allows it": "snapshot|repeatable read",
            "serializable or explicit locks prevent it": "serializ|for update|lock|materializ|constraint",
        },
        "Write skew happens when two concurrent transactions both read the same data, each decides based on "
        "it, and they write different rows, so neither conflict is detected but the combined result breaks "
        "an invariant. The classic example: two doctors on call, and the rule is that at least one must "
        "stay on call. Both read that two are on call, each removes themselves, and both commit, leaving "
        "nobody. Snapshot isolation, such as repeatable read in PostgreSQL, allows it because the writes "
        "touch different rows. To prevent it, use the serializable isolation level and retry on failures, or "
        "take explicit locks with SELECT ... FOR UPDATE on the rows read, or materialize the conflict into "
        "a single row or constraint.",
    ),
    q(
        "transactions",
        "hard",
        "How would you keep data consistent across two services that each own their own database, for example orders and payments?",
        {
            "no distributed transaction, or 2PC trade-offs": "two-phase|2pc|two phase|distributed transaction|xa",
            "saga with compensating actions": "saga|compensat",
            "transactional outbox": "outbox|transactional messag|change data capture|cdc",
            "idempotent consumers": "idempoten|dedup|at-least-once|at least once",
            "eventual consistency visible to users": "eventual|pending|intermediate state",
        },
        "A distributed transaction with two-phase commit would couple the services and block on a failed "
        "coordinator, so I would avoid 2PC. Instead I would use a saga: the order service creates the order "
        "as pending and emits an event; the payment service charges and emits success or failure; on "
        "failure the order service runs a compensating action and cancels the order. To publish events "
        "reliably, each service uses a transactional outbox: it writes the event to an outbox table in the "
        "same local transaction as its data, and a relay or change data capture publishes it. Delivery is "
        "at-least-once, so consumers must be idempotent. The system is eventually consistent, and the user "
        "sees the pending intermediate state.",
    ),
    # -- caching --------------------------------------------------------------------------------
    q(
        "caching",
        "easy",
        "What is caching, and what are the main risks of adding a cache?",
        {
            "store results closer or faster": "faster|in memory|closer|avoid recomputing|reduce load",
            "stale data": "stale|out of date|outdated|inconsisten",
            "invalidation": "invalidat|expire|ttl",
            "memory limits and eviction": "evict|memory|lru|size",
        },
        "Caching keeps a copy of data in a faster place, usually in memory and closer to the code, to avoid "
        "recomputing or refetching it and to reduce load on the database. The main risk is stale data: the "
        "cache can serve an out of date value after the source changed, so we need invalidation, either "
        "deleting entries on writes or a TTL so entries expire. Caches also have limited memory, so they "
        "evict entries with a policy like LRU, and the hit rate must be monitored or the cache adds "
        "complexity for little gain.",
    ),
    q(
        "caching",
        "easy",
        "What does a TTL do in a cache, and how would you choose its value?",
        {
            "entries expire after the TTL": "expire|time to live|time-to-live|removed after",
            "bounds staleness": "stale|staleness|out of date|freshness",
            "choose from how often data changes": "how often|changes|tolerat|business",
            "trade-off with hit rate and load": "hit rate|load|miss|trade-off",
        },
        "A TTL, time to live, makes an entry expire a fixed time after it is written, so the next read is a "
        "miss and fetches fresh data. It bounds staleness: a value is never older than the TTL. I choose it "
        "from how often the data changes and how much staleness the business can tolerate: a product "
        "catalog can be minutes old, an account balance maybe not at all. The trade-off is that a short TTL "
        "lowers the hit rate and puts more load on the database, while a long one serves older data.",
    ),
    q(
        "caching",
        "medium",
        "Compare cache-aside, write-through and write-behind caching. What are the trade-offs?",
        {
            "cache-aside: app loads on miss": "cache-aside|cache aside|lazy|on a miss|on miss",
            "write-through: write cache and store together": "write-through|write through",
            "write-behind: write cache, flush later": "write-behind|write behind|write-back|asynchronous|flush later|flushes",
            "consistency and data loss trade-offs": "consisten|lose|loss|stale|durab",
        },
        "With cache-aside, the most common pattern, the application reads from the cache and on a miss "
        "loads from the database and fills the cache; writes go to the database and delete the cache entry. "
        "It is simple and only caches what is read, but a miss is slow and there is a window of stale data. "
        "Write-through writes to the cache and the database together, so the cache stays consistent at the "
        "cost of slower writes and caching data nobody reads. Write-behind writes to the cache and flushes "
        "to the database later, asynchronously: writes are fast, but a cache crash can lose data, so "
        "durability suffers.",
    ),
    q(
        "caching",
        "medium",
        "What is a cache stampede, and how do you prevent it?",
        {
            "many requests miss at once": "many requests|simultaneous|at once|same time|thundering herd",
            "a hot key expiring": "hot key|popular|expire",
            "request coalescing or locking": "lock|single flight|singleflight|coalesc|one request",
            "early refresh or jittered TTLs": "jitter|early|probabilistic|refresh ahead|background refresh|stale-while-revalidate",
        },
        "A cache stampede, or thundering herd, happens when a hot key, a popular entry, expires and many "
        "requests miss at the same time, all hitting the database to recompute it, which can overload it. "
        "Prevention: request coalescing, so only one request recomputes while the others wait, with a lock "
        "in Redis or single flight in process; refreshing early, in the background, before expiry, or "
        "probabilistic early expiration; serving the stale value while revalidating; and adding jitter to "
        "TTLs so many keys do not expire at once.",
    ),
    q(
        "caching",
        "hard",
        "How do you keep a cache consistent with the database when there are concurrent writes? Describe the race conditions.",
        {
            "the delete-then-stale-read race": "race|stale value|old value|interleav",
            "delete instead of update on write": "delete the key|invalidate|delete instead|rather than update",
            "versioning or compare-and-set": "version|compare-and-set|cas|timestamp",
            "change data capture for invalidation": "change data capture|cdc|binlog|wal|debezium",
            "TTL as a safety net": "ttl|safety net|bound",
        },
        "The classic race with cache-aside: reader A misses and reads the old value from the database; "
        "writer B updates the database and deletes the key; then A writes its old value into the cache, so "
        "the cache holds a stale value indefinitely. Updating the cache on write is worse, because two "
        "writers interleave. So on write I delete the key rather than update it, and fill only on reads. To "
        "close the race, store a version or timestamp with each entry and use compare-and-set so an older "
        "version cannot overwrite a newer one, or delete again after a short delay. Invalidation driven by "
        "change data capture from the WAL or binlog, for example with Debezium, catches every write, even "
        "from other services. And a TTL is the safety net that bounds any remaining inconsistency.",
    ),
    q(
        "caching",
        "hard",
        "Design the caching layer for a product page that gets 100,000 reads per second during a flash sale, where stock levels change constantly.",
        {
            "separate static and dynamic data": "static|dynamic|separate|split",
            "multi-tier: CDN, local and shared cache": "cdn|edge|local cache|in-process|two-level|multi-tier",
            "hot key mitigation": "hot key|replicat|shard the key|spread",
            "stock freshness and correctness at checkout": "checkout|source of truth|reserve|decrement|oversell",
            "protect the database": "coalesc|stampede|rate limit|shed|circuit",
        },
        "I would separate static data, the description and images, from dynamic data, the price and stock. "
        "Static data goes multi-tier: cached at the CDN edge and in a local in-process cache with a TTL of "
        "minutes. Stock changes constantly, so it gets a short TTL of a second or two in a shared Redis, and "
        "the page shows an approximate 'in stock' rather than an exact count. A single key at 100,000 reads "
        "per second is a hot key, so I replicate it across several Redis nodes or add a local cache in each "
        "server to spread the load. Correctness matters only at checkout, where the database or a reservation "
        "service is the source of truth and an atomic decrement prevents oversell. Request coalescing "
        "prevents a stampede, and load shedding protects the database.",
    ),
    # -- concurrency ----------------------------------------------------------------------------
    q(
        "concurrency",
        "easy",
        "What is a race condition? Give a simple example.",
        {
            "outcome depends on timing": "timing|order|interleav|depends on",
            "shared mutable state": "shared|same variable|counter|state",
            "an example": "increment|counter|balance|two threads|example",
            "fix with synchronisation": "lock|mutex|atomic|synchroni",
        },
        "A race condition is a bug where the outcome depends on the timing or interleaving of concurrent "
        "operations on shared state. A simple example: two threads increment the same counter with count = "
        "count + 1. Each reads the value, say 5, adds one and writes 6, so one increment is lost and the "
        "result is 6 instead of 7. The fix is synchronisation: protect the read-modify-write with a lock or "
        "mutex, or use an atomic increment.",
    ),
    q(
        "concurrency",
        "easy",
        "What is a deadlock, and how can you avoid one?",
        {
            "each waits for a lock the other holds": "waits for|wait for|holds|each other|circular",
            "an example with two locks": "two locks|lock a|lock b|two threads|two transactions",
            "consistent lock ordering": "order|same order|ordering",
            "timeouts and detection": "timeout|detect|try lock|trylock",
        },
        "A deadlock is when two or more threads each hold a lock and wait for a lock the other holds, so "
        "they wait for each other forever in a circular wait. For example, thread 1 takes lock A then wants "
        "lock B, while thread 2 holds lock B and wants lock A. The main way to avoid it is to always take "
        "locks in the same global order. Other defences: hold locks briefly, use try lock with a timeout and "
        "back off, and rely on detection; databases detect deadlocks between transactions and abort one.",
    ),
    q(
        "concurrency",
        "medium",
        "When would you use threads, processes or async I/O for a backend workload?",
        {
            "async for many concurrent I/O-bound tasks": "async|event loop|non-blocking|i/o-bound|io-bound|i/o bound",
            "processes for CPU-bound work": "cpu-bound|cpu bound|process|multiple cores|parallel",
            "threads for blocking libraries": "thread|blocking librar|thread pool",
            "trade-offs: memory, complexity, GIL": "memory|overhead|gil|complexity|context switch",
        },
        "It depends on what the workload waits on. For many concurrent I/O-bound tasks, like thousands of "
        "open connections calling other services, async I/O with an event loop is efficient: one thread "
        "handles them all with non-blocking calls and little memory. For CPU-bound work, like image "
        "processing, I use multiple processes to get real parallel execution on multiple cores, especially "
        "in Python where the GIL stops threads from running Python code in parallel. Threads fit blocking "
        "libraries and moderate concurrency, typically a thread pool. The trade-offs are memory overhead "
        "per thread or process, context switch costs, and the complexity of async code.",
    ),
    q(
        "concurrency",
        "medium",
        "How does a thread pool work, and how do you size it?",
        {
            "fixed workers reuse threads": "reuse|fixed number|workers|pool",
            "work queue": "queue",
            "sizing for CPU-bound work": "number of cores|cores|cpu-bound|cpu bound",
            "sizing for I/O-bound work": "wait time|i/o|io-bound|blocking|little's law|littles law",
            "bounded queue and back-pressure": "bounded|back-pressure|backpressure|reject|saturat",
        },
        "A thread pool keeps a fixed number of worker threads and reuses them, which avoids creating a "
        "thread per task. Tasks are put on a queue and idle workers take them off. Sizing depends on the "
        "work: for CPU-bound tasks, about the number of cores, since more threads only add switching. For "
        "I/O-bound tasks, threads spend time blocking, so the pool can be larger: roughly cores times (1 + "
        "wait time / compute time), or from Little's law, throughput times latency. The queue should be "
        "bounded, so when the pool is saturated it applies back-pressure or rejects work instead of growing "
        "memory forever.",
    ),
    q(
        "concurrency",
        "hard",
        "What is a memory model, and why can code that looks correct fail on a multi-core machine without proper synchronisation?",
        {
            "reordering by compiler and CPU": "reorder",
            "visibility and CPU caches": "visib|cache|stale|store buffer",
            "happens-before": "happens-before|happens before",
            "memory barriers, volatile or atomics": "barrier|fence|volatile|atomic|acquire|release",
            "an example such as double-checked locking": "double-checked|double checked|flag|publish",
        },
        "A memory model defines which writes a thread is guaranteed to see from other threads. Without "
        "synchronisation, the compiler and the CPU may reorder reads and writes, and each core has caches "
        "and store buffers, so one thread's write may not be visible to another, or become visible in a "
        "different order. For example, thread A writes data and then sets a ready flag; thread B sees the "
        "flag but reads stale data. Double-checked locking breaks the same way, publishing an object before "
        "it is built. The fix is a happens-before relationship: locks, volatile variables in Java, or atomics "
        "with acquire and release semantics, which insert memory barriers.",
    ),
    q(
        "concurrency",
        "hard",
        "Design a lock-free or low-contention counter for millions of increments per second from many threads. What are the trade-offs?",
        {
            "atomic compare-and-swap": "compare-and-swap|compare and swap|cas|atomic",
            "contention on one cache line": "contention|cache line|false sharing|ping-pong",
            "striped or sharded counters": "stripe|striped|shard|per-thread|per thread|longadder|per-core",
            "reads sum the shards, weaker consistency": "sum|approximate|snapshot|eventual|read is slower",
        },
        "The simple approach is one atomic integer incremented with compare-and-swap or fetch-and-add. It is "
        "lock-free, but with many threads every increment fights over the same cache line, which bounces "
        "between cores, so contention destroys throughput. The better design is a striped counter: several "
        "cells, one per thread or per core, each padded to its own cache line to avoid false sharing; a "
        "thread increments its own cell. Java's LongAdder does exactly this. The trade-off is on the read "
        "side: reading must sum all cells, which is slower and gives only an approximate snapshot while "
        "writes continue, which is fine for metrics but not for a unique id generator.",
    ),
)
