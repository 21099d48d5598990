"""Bank questions for queues, distributed systems, security, observability and testing."""
# ruff: noqa: E501  (question text and reference answers are prose data)

from __future__ import annotations

from interviewer_tui.llm.bank.model import BankQuestion, q

QUESTIONS: tuple[BankQuestion, ...] = (
    # -- queues and streaming -------------------------------------------------------------------
    q(
        "queues_streaming",
        "easy",
        "Why would you put a message queue between two services?",
        {
            "decoupling": "decoupl|independent|don't need to know|do not need to know",
            "asynchronous processing": "asynchron|async|background|in the background",
            "absorbing load spikes": "spike|burst|buffer|peak|smooth",
            "reliability when the consumer is down": "down|unavailable|durab|persist|retry|not lost",
        },
        "A message queue decouples the services: the producer only publishes a message and does not need "
        "to know who consumes it or whether the consumer is up. Work becomes asynchronous, so a slow task "
        "like sending an email happens in the background and the request returns quickly. The queue acts "
        "as a buffer that absorbs load spikes: consumers process at their own pace during a peak. And it "
        "improves reliability: if the consumer is down, messages are persisted durably and processed when "
        "it comes back, with retries instead of lost work.",
    ),
    q(
        "queues_streaming",
        "easy",
        "What is a dead letter queue, and when would a message end up there?",
        {
            "a separate queue for failed messages": "separate queue|failed messages|poison|set aside",
            "after repeated failures or max retries": "max retries|maximum|retries|several attempts|repeated",
            "prevents blocking the main queue": "block|stuck|head of line|keeps the main",
            "inspect and replay": "inspect|replay|reprocess|alert|investigat",
        },
        "A dead letter queue is a separate queue where the broker moves failed messages that could not be "
        "processed. A message ends up there after repeated failures, when it exceeds the max retries or "
        "delivery attempts, for example a poison message with invalid data that makes the consumer throw "
        "every time. Moving it aside prevents it from blocking the main queue and wasting retries forever. "
        "We alert on messages arriving in the DLQ, inspect them, fix the bug or the data, and replay them "
        "into the main queue.",
    ),
    q(
        "queues_streaming",
        "medium",
        "Explain at-most-once, at-least-once and exactly-once delivery. Which one do you use in practice, and how?",
        {
            "at-most-once may lose messages": "at-most-once|at most once|may lose|lost",
            "at-least-once may duplicate": "at-least-once|at least once|duplicate",
            "ack after processing": "ack|acknowledg|commit the offset|offset",
            "exactly-once is effectively-once via idempotency": "idempoten|effectively once|dedup|exactly-once|exactly once",
        },
        "At-most-once means each message is delivered zero or one time: if you ack before processing and "
        "then crash, the message is lost. At-least-once means you ack or commit the offset only after "
        "processing, so a crash before the ack causes redelivery, and consumers may see a duplicate. "
        "Exactly-once end to end is not something the network gives you; in practice we use at-least-once "
        "plus idempotent consumers, which gives effectively-once processing: dedup by message id in a table, "
        "or make the write itself idempotent, like an upsert. Kafka's transactions give exactly-once only "
        "within Kafka.",
    ),
    q(
        "queues_streaming",
        "medium",
        "How does Kafka preserve message ordering, and what limits it?",
        {
            "ordering only within a partition": "within a partition|per partition|partition",
            "message key chooses the partition": "key|hash",
            "consumer group: one consumer per partition": "consumer group|one consumer",
            "limits: retries, repartitioning, parallelism": "retr|max.in.flight|idempotent producer|add partitions|repartition|parallelism",
        },
        "Kafka only guarantees ordering within a partition, not across a topic. The producer picks the "
        "partition by hashing the message key, so all events for one key, say one order id, go to the same "
        "partition in order. In a consumer group each partition is read by one consumer, which keeps that "
        "order. The limits: parallelism is capped by the number of partitions; if you add partitions, keys "
        "map to new partitions and ordering breaks during the repartition; and producer retries can reorder "
        "messages unless you enable the idempotent producer or set max.in.flight to one.",
    ),
    q(
        "queues_streaming",
        "hard",
        "A consumer group is falling further and further behind on a high-volume topic. How do you diagnose and fix the lag?",
        {
            "measure lag per partition": "lag per partition|per partition|consumer lag|offset lag|burrow",
            "hot partitions or key skew": "hot partition|skew|uneven|hot key",
            "slow processing per message": "slow|processing time|downstream|database|profil",
            "scale consumers up to partition count": "add consumers|scale|more consumers|number of partitions|more partitions",
            "batching and async processing": "batch|async|parallel within|concurren",
            "rebalancing issues": "rebalanc|max.poll|heartbeat|session timeout",
        },
        "First I measure consumer lag per partition, with the broker metrics or a tool like Burrow. If lag is "
        "uneven, there is a hot partition from key skew, and adding consumers will not help; I would change "
        "the key or split the hot key. If lag is even, processing is too slow: I profile the handler and "
        "usually find a slow downstream call, such as one database write per message, and switch to batch "
        "writes or bounded parallel, async processing within the consumer while preserving per-key order. "
        "I can scale to more consumers, but only up to the number of partitions, so I may need more "
        "partitions. I also check for constant rebalancing, caused by processing longer than max.poll "
        "interval, which stalls the whole group.",
    ),
    q(
        "queues_streaming",
        "hard",
        "How would you publish an event reliably whenever a row is written to your database, without losing or inventing events?",
        {
            "the dual-write problem": "dual write|dual-write|two systems|not atomic|crash between",
            "transactional outbox": "outbox",
            "relay or change data capture": "relay|poll|change data capture|cdc|debezium|wal|binlog",
            "at-least-once with idempotent consumers": "at-least-once|at least once|idempoten|duplicate",
            "ordering and cleanup": "order|sequence|cleanup|clean up|delete published",
        },
        "Writing to the database and then publishing to the broker is a dual write: the two systems are not "
        "atomic, so a crash between them loses the event, and publishing first can invent an event for a "
        "rolled-back write. The fix is the transactional outbox: in the same transaction as the row, insert "
        "the event into an outbox table. A relay then publishes it: either a poller that reads unpublished "
        "rows, or change data capture reading the WAL or binlog, for example Debezium. If the relay crashes "
        "after publishing but before marking the row, it publishes again, so delivery is at-least-once and "
        "consumers must be idempotent. I keep a sequence number per aggregate for ordering, and a cleanup "
        "job deletes published outbox rows.",
    ),
    # -- distributed systems --------------------------------------------------------------------
    q(
        "distributed_systems",
        "easy",
        "What does the CAP theorem say?",
        {
            "consistency, availability, partition tolerance": "consistency|availability|partition",
            "during a partition choose C or A": "during a partition|when a partition|network partition|choose|trade",
            "partitions are unavoidable": "unavoidable|will happen|must tolerate|can't avoid|cannot avoid",
            "examples of CP and AP systems": "cp|ap|zookeeper|cassandra|dynamo|etcd|bank",
        },
        "CAP says that a distributed data store cannot provide all three of consistency, every read sees the "
        "latest write, availability, every request gets an answer, and partition tolerance, working despite "
        "a network partition. Since network partitions will happen and you must tolerate them, the real "
        "choice is during a partition: refuse some requests to stay consistent, CP, or keep answering with "
        "possibly stale data, AP. For example, etcd and ZooKeeper are CP, while Cassandra and Dynamo-style "
        "stores are AP by default.",
    ),
    q(
        "distributed_systems",
        "easy",
        "Why are network calls between services less reliable than function calls, and what do you do about it?",
        {
            "failures, latency and partial failure": "fail|latency|slow|partial|lost|packet",
            "timeouts": "timeout",
            "retries with backoff": "retr|backoff|back off",
            "idempotency for safe retries": "idempoten|duplicate",
        },
        "A network call can fail in ways a function call cannot: the request or the response can be lost, "
        "latency varies and can be very slow, and the other service may be down or only partly working, so "
        "partial failure is normal and you often cannot tell whether the call happened. So every call needs "
        "a timeout, because waiting forever ties up resources. Transient failures get retries with "
        "exponential backoff and jitter, limited in number. Since a retry may repeat an operation that did "
        "succeed, operations must be idempotent so a duplicate is harmless.",
    ),
    q(
        "distributed_systems",
        "medium",
        "What is consistent hashing, and why is it useful?",
        {
            "a hash ring of nodes and keys": "ring|circle",
            "key goes to the next node clockwise": "clockwise|next node|successor|first node",
            "adding a node moves few keys": "few keys|small fraction|1/n|only the keys|minimal|rebalanc",
            "virtual nodes for balance": "virtual node|vnode|balance|uneven",
        },
        "With plain modulo hashing, hash(key) mod N, changing the number of nodes remaps almost every key. "
        "Consistent hashing places both nodes and keys on a hash ring; a key belongs to the next node "
        "clockwise from its position. When a node is added or removed, only the keys between it and its "
        "neighbour move, roughly a 1/N fraction, so rebalancing is minimal, which matters for caches and "
        "sharded stores. Because a few random points make the load uneven, each physical node gets many "
        "virtual nodes on the ring to balance the load.",
    ),
    q(
        "distributed_systems",
        "medium",
        "What is a circuit breaker, and how does it protect a system?",
        {
            "stop calling a failing dependency": "stop calling|fail fast|failing|unhealthy dependency",
            "closed, open and half-open states": "open|closed|half-open|half open",
            "threshold to trip": "threshold|error rate|failures",
            "prevents cascading failure": "cascad|resource|thread|exhaust|recover",
        },
        "A circuit breaker wraps calls to a dependency and stops calling it when it is failing, so callers "
        "fail fast instead of waiting on timeouts. It has three states. Closed: calls go through and failures "
        "are counted. When the error rate crosses a threshold, it trips to open: calls fail immediately or "
        "return a fallback. After a cool-down it goes half-open and lets a few trial calls through; success "
        "closes it, failure opens it again. This prevents cascading failure: threads and connections are not "
        "exhausted waiting on a dead service, and the failing service gets room to recover.",
    ),
    q(
        "distributed_systems",
        "hard",
        "Explain how a consensus algorithm such as Raft elects a leader and commits log entries. What happens during a network partition?",
        {
            "terms and leader election by majority vote": "term|elect|vote|majority",
            "log replication to followers": "replicat|append|follower|log",
            "commit once a majority acknowledges": "majority|quorum|commit",
            "partition: the minority side cannot commit": "minority|partition|cannot commit|can't commit|step down",
            "election timeouts randomised": "timeout|random",
        },
        "In Raft time is divided into terms. Followers expect heartbeats from the leader; if one does not "
        "hear from it within a randomised election timeout, it becomes a candidate, increments the term and "
        "asks for votes. A node votes once per term and only for a candidate whose log is at least as "
        "up to date; a candidate with a majority becomes leader. The leader appends client commands to its "
        "log and replicates them to followers with AppendEntries; an entry is committed once a majority, a "
        "quorum, has stored it, and then it is applied. In a network partition, the side with the minority "
        "cannot elect a leader or commit anything; an old leader stuck there cannot commit either and steps "
        "down when it sees a higher term, so no committed entry is lost.",
    ),
    q(
        "distributed_systems",
        "hard",
        "Why is a distributed lock hard to get right? How would you make one safe?",
        {
            "process pauses and expired leases": "pause|gc|garbage collect|expire|lease",
            "clock assumptions": "clock|drift|time",
            "fencing tokens": "fencing|token|monoton",
            "consensus-backed store": "etcd|zookeeper|consensus|raft|linearizab",
            "the resource must check the token": "storage|resource|reject|check the token|older token",
        },
        "A lock held by a process on another machine must have a lease or TTL, or a crashed holder blocks "
        "everyone forever. But then the holder can lose the lock without knowing: a long GC pause or a "
        "network delay outlasts the lease, another client acquires it, and the first one wakes up and writes "
        "anyway. Schemes that rely on clocks are also fragile, because clock drift breaks the timing "
        "assumptions. To make it safe, use a consensus-backed, linearizable store such as etcd or ZooKeeper, "
        "and fencing tokens: every grant returns a monotonically increasing token, the client sends it with "
        "each write, and the storage resource must reject any write with an older token than it has seen.",
    ),
    # -- security and auth ----------------------------------------------------------------------
    q(
        "security_auth",
        "easy",
        "What is the difference between authentication and authorization?",
        {
            "authentication verifies identity": "who you are|identity|verif|log in|login|credential",
            "authorization decides permissions": "permission|allowed|access|what you can do|role",
            "order: authenticate first": "comes first|first authenticat|then authoriz|before authoriz|checked on every request",
            "status codes 401 and 403": "401|403",
        },
        "Authentication verifies who you are: the user proves their identity with credentials such as a "
        "password, a token or a certificate when they log in. Authorization decides what you can do: whether "
        "this identity has permission to access a resource, for example through roles. Authentication comes "
        "first, then authorization is checked on every request. In HTTP, a failed authentication returns 401 "
        "Unauthorized, while an authenticated user without permission gets 403 Forbidden.",
    ),
    q(
        "security_auth",
        "easy",
        "How should a backend store user passwords?",
        {
            "never plain text or reversible encryption": "plain text|plaintext|encrypt|reversible|never store",
            "slow, salted password hash": "hash",
            "argon2, bcrypt or scrypt": "argon2|bcrypt|scrypt|pbkdf2",
            "unique salt per user": "salt",
        },
        "Never store passwords in plain text, and not with reversible encryption either, because a leak of "
        "the database or the key exposes every password. Store a hash made with a slow password hashing "
        "function designed for it: Argon2id, or bcrypt or scrypt, not a fast hash like SHA-256. These "
        "functions use a unique random salt per user, stored with the hash, so identical passwords get "
        "different hashes and precomputed rainbow tables are useless. Their cost parameters are tuned so one "
        "hash takes tens of milliseconds, which makes brute force expensive.",
    ),
    q(
        "security_auth",
        "medium",
        "How do JWT access tokens work, and what are the pitfalls of using them for sessions?",
        {
            "signed claims verified without a lookup": "sign|signature|claims|stateless|without a database",
            "expiry and short lifetime": "exp|expir|short-lived|short lived|minutes",
            "revocation is hard": "revo|logout|cannot invalidate|can't invalidate|blocklist|denylist",
            "refresh tokens": "refresh",
            "algorithm and storage pitfalls": "alg|none|hs256|rs256|localstorage|local storage|xss",
        },
        "A JWT is a set of claims, like the user id and expiry, with a signature from the server's key. Any "
        "service can verify the signature without a database lookup, so it is stateless. Pitfalls: "
        "revocation is hard, because a valid token keeps working until it expires, so logout or a stolen "
        "token cannot be invalidated without a denylist. So access tokens should be short-lived, minutes, "
        "with a refresh token, stored server-side and rotated, to get new ones. Verification must pin the "
        "algorithm, rejecting alg none and key confusion between HS256 and RS256. And storing tokens in "
        "localStorage exposes them to XSS; an HttpOnly cookie is safer.",
    ),
    q(
        "security_auth",
        "medium",
        "What is SQL injection, and how do you prevent it?",
        {
            "user input changes the query": "user input|concatenat|string|interpreted as sql|malicious",
            "an example": "' or|or 1=1|drop table|example",
            "parameterized queries": "parameteri|prepared statement|placeholder|bind",
            "defence in depth: least privilege, ORM, validation": "least privilege|orm|validat|escap",
        },
        "SQL injection happens when user input is concatenated into a SQL string, so it is interpreted as "
        "SQL instead of data. For example, a login query built with the string ... WHERE name = '\" + name + "
        "\"' lets an attacker type ' OR 1=1 -- and log in, or even DROP TABLE. The fix is parameterized "
        "queries, prepared statements with placeholders, where values are sent separately from the query and "
        "never parsed as SQL; ORMs do this by default. Defence in depth: the database user has least "
        "privilege, input is validated, and dynamic identifiers like column names come from an allowlist, "
        "since they cannot be parameters.",
    ),
    q(
        "security_auth",
        "hard",
        "Design authentication for a mobile app and a web app sharing one backend, including refresh-token rotation and revocation.",
        {
            "OAuth 2 / OIDC with PKCE": "oauth|oidc|openid|pkce|authorization code",
            "short-lived access tokens": "short-lived|short lived|access token|minutes",
            "refresh token rotation with reuse detection": "rotat|reuse|family",
            "secure storage per platform": "keychain|keystore|httponly|secure cookie|samesite",
            "revocation and logout": "revo|logout|sign out|session list|denylist",
        },
        "I would use OAuth 2 with OpenID Connect and the authorization code flow with PKCE for both apps, "
        "since neither can keep a client secret. The server issues short-lived access tokens, around 15 "
        "minutes, and a refresh token. Refresh tokens rotate: each use returns a new one and invalidates the "
        "old one, and all tokens from one login form a family; if an old token is presented again, that is "
        "reuse, likely theft, so the whole family is revoked. Storage per platform: the mobile app keeps "
        "tokens in the Keychain or Keystore; the web app keeps the refresh token in an HttpOnly, Secure, "
        "SameSite cookie, never in JavaScript. Logout and revocation delete the session server-side, and "
        "users can see a session list and sign out other devices.",
    ),
    q(
        "security_auth",
        "hard",
        "An attacker can make your server fetch arbitrary URLs through an image-import feature. What is the risk, and how do you defend against it?",
        {
            "SSRF to internal services": "ssrf|server-side request forgery|internal",
            "cloud metadata endpoint": "metadata|169.254|credentials",
            "allowlist and block private IP ranges": "allowlist|private ip|private range|block|deny|10.0|127.0",
            "DNS rebinding and redirects": "rebinding|redirect|resolve",
            "network isolation of the fetcher": "isolat|egress|proxy|sandbox|separate network",
        },
        "This is server-side request forgery, SSRF: the attacker uses our server to reach internal services "
        "that are not exposed publicly, such as admin APIs or databases, and in the cloud the metadata "
        "endpoint at 169.254.169.254, which can hand out credentials. Defences: allow only http and https "
        "and, if possible, an allowlist of domains; resolve the host and block private IP ranges such as "
        "10.0.0.0/8, 127.0.0.0/8 and link-local. Connect to the IP we validated to defeat DNS rebinding, and "
        "re-validate every redirect or disable redirects. Best is network isolation: run the fetcher in a "
        "sandbox or separate network with an egress proxy that cannot reach internal addresses.",
    ),
    # -- observability --------------------------------------------------------------------------
    q(
        "observability",
        "easy",
        "What are logs, metrics and traces, and what is each one good for?",
        {
            "logs are discrete events with detail": "log|event|detail|debug",
            "metrics are aggregated numbers over time": "metric|counter|gauge|aggregat|time series|dashboard",
            "traces follow a request across services": "trac|span|across services|request path",
            "when to use each": "alert|investigat|bottleneck|which service",
        },
        "Logs are records of discrete events with detail, like an error with its stack trace and request id; "
        "they are best for debugging a specific case. Metrics are numbers aggregated over time, counters and "
        "gauges stored as a time series, such as request rate, error rate and latency percentiles; they are "
        "cheap, drive dashboards and are what we alert on. Traces follow one request across services as a "
        "tree of spans with timings, which shows which service is the bottleneck. Typically an alert fires on "
        "a metric, a trace shows where, and logs show why while we investigate.",
    ),
    q(
        "observability",
        "easy",
        "Why use structured logging, and what should every log line carry?",
        {
            "structured format such as JSON": "json|key-value|key value|structured|fields",
            "searchable and machine-parseable": "search|query|filter|parse|aggregat",
            "correlation or request id": "request id|correlation|trace id",
            "level, timestamp and context, no secrets": "level|timestamp|user id|service|secret|password|pii",
        },
        "Structured logging writes each log line as fields, usually JSON or key-value pairs, instead of free "
        "text. That makes logs searchable and machine-parseable: you can filter and aggregate by any field "
        "in the log system without fragile regexes. Every line should carry a timestamp, a level, the "
        "service name, and a request id or trace id for correlation, so all lines of one request can be "
        "found across services, plus context like the user id. It must never contain secrets, passwords or "
        "unnecessary PII.",
    ),
    q(
        "observability",
        "medium",
        "How do you choose what to alert on for a backend service, and how do you avoid alert fatigue?",
        {
            "alert on symptoms users feel": "symptom|user-facing|user facing|customer|error rate|latency",
            "SLOs and error budgets": "slo|error budget|service level",
            "actionable alerts with runbooks": "actionable|runbook|urgent|page",
            "reduce noise": "noise|fatigue|flapping|deduplicat|tune|threshold|burn rate",
        },
        "I alert on symptoms users feel, such as error rate and latency of user-facing endpoints, not on "
        "every cause like CPU usage, which goes to dashboards. Alerts derive from SLOs: with an availability "
        "SLO of 99.9 percent, I page on the error budget burn rate, fast burns urgently and slow burns as a "
        "ticket. Every page must be actionable, urgent and linked to a runbook; if nobody needs to act, it is "
        "not a page. To reduce noise and fatigue, I tune thresholds, require the condition to last a few "
        "minutes to avoid flapping, deduplicate related alerts, and review every page afterwards.",
    ),
    q(
        "observability",
        "medium",
        "Why are latency percentiles more useful than averages, and how should you aggregate them?",
        {
            "averages hide the tail": "average|mean|hide|outlier|tail",
            "p50, p95, p99": "p50|p95|p99|percentile",
            "cannot average percentiles": "cannot average|can't average|not average|averaging percentiles",
            "histograms for aggregation": "histogram|bucket",
        },
        "Latency distributions have a long tail, so the average hides it: a mean of 100 ms can coexist with "
        "one request in a hundred taking three seconds. Percentiles describe what users feel: p50 is the "
        "typical request, p95 and p99 show the tail, and a single page load makes many calls, so tail latency "
        "hits most users. You cannot average percentiles across instances or time windows; the result is "
        "meaningless. Instead each instance records a histogram with latency buckets, histograms are summed, "
        "and percentiles are computed from the merged histogram.",
    ),
    q(
        "observability",
        "hard",
        "How does distributed tracing work end to end, and how do you keep its cost under control?",
        {
            "trace and span ids": "trace id|span id|span|parent",
            "context propagation across calls": "propagat|traceparent|header|context",
            "instrumentation with OpenTelemetry": "opentelemetry|otel|instrument",
            "sampling strategies": "sampl|head-based|tail-based|head based|tail based",
            "collector and storage cost": "collector|storage|cost|retention|cardinality",
        },
        "Each request gets a trace id; each unit of work, a call or a query, is a span with its own span id, "
        "its parent span id, timings and attributes. Context propagation carries the trace id and parent "
        "span across process boundaries in headers, the W3C traceparent header, and through queues in "
        "message metadata. Instrumentation with OpenTelemetry creates spans automatically for HTTP, database "
        "and messaging libraries. Spans are exported to a collector, which batches them to a backend. Cost "
        "is controlled by sampling: head-based sampling keeps a fixed fraction decided at the start, while "
        "tail-based sampling in the collector keeps all errors and slow traces. Storage retention and "
        "attribute cardinality limits keep the bill bounded.",
    ),
    q(
        "observability",
        "hard",
        "What is high cardinality in metrics, why is it a problem, and how do you investigate per-customer issues without it?",
        {
            "many unique label values": "unique|label|tag|user id|customer id|dimension",
            "time series explosion and cost": "time series|series|explosion|memory|cost|prometheus",
            "use logs, traces or events for high-cardinality data": "logs|traces|events|wide event|exemplar",
            "bounded labels and aggregation": "bounded|limit|aggregat|top|bucket",
        },
        "Cardinality is the number of unique label values; every combination of labels is a separate time "
        "series. Adding a label like user id or customer id to a request metric creates millions of series, "
        "an explosion that blows up memory in Prometheus and the cost of any metrics vendor, and slows "
        "queries. So metric labels must be bounded: endpoint, status class, region, maybe a customer tier. "
        "For per-customer investigation I use high-cardinality data stores made for it: structured logs, "
        "traces, or wide events with the customer id as a field, linked from metrics with exemplars. If I "
        "need a per-customer metric, I aggregate only the top customers or bucket the rest.",
    ),
    # -- testing --------------------------------------------------------------------------------
    q(
        "testing",
        "easy",
        "What is the difference between unit tests and integration tests?",
        {
            "unit tests check one unit in isolation": "isolation|single function|one function|one class|unit",
            "integration tests check components together": "together|real database|integration|components",
            "speed and number": "fast|slow|many|few|pyramid",
            "what each catches": "catch|bug|wiring|contract|logic",
        },
        "A unit test checks one unit, a function or a class, in isolation from the database and the "
        "network. Unit tests are fast, so we write many of them, and they catch logic bugs precisely. "
        "Integration tests check several components together, for example the service with a real database, "
        "and catch bugs in the wiring: wrong SQL, configuration, serialization, and contract mismatches that "
        "unit tests with fakes miss. They are slower, so there are fewer of them, as in the test pyramid.",
    ),
    q(
        "testing",
        "easy",
        "When would you use a mock or a fake in a test, and what is the risk of overusing mocks?",
        {
            "replace slow or external dependencies": "external|slow|third-party|third party|network|payment",
            "fakes are working lightweight implementations": "fake|in-memory|in memory|lightweight",
            "overuse couples tests to implementation": "implementation detail|coupl|brittle|refactor",
            "mocks can hide real behaviour": "real behaviour|real behavior|false confidence|pass but|diverge",
        },
        "I replace a dependency when it is slow, external or hard to control, like a third-party payment API "
        "or the network. A mock records calls and returns canned answers; a fake is a working lightweight "
        "implementation, like an in-memory repository or a local HTTP server, which I usually prefer. "
        "Overusing mocks couples tests to implementation details, so they become brittle and break on every "
        "refactor even when behaviour is unchanged. Worse, a mock can diverge from the real behaviour, so "
        "tests pass but production fails, which gives false confidence.",
    ),
    q(
        "testing",
        "medium",
        "How would you test code that talks to a database?",
        {
            "a real database, e.g. in a container": "real database|container|testcontainers|docker|same engine",
            "isolation between tests": "transaction|rollback|isolat|clean|truncate|fresh",
            "migrations applied in tests": "migration|schema",
            "test data builders or factories": "factor|fixture|builder|test data",
        },
        "I test against a real database of the same engine as production, usually PostgreSQL in a container "
        "with Testcontainers or Docker in CI, because an in-memory substitute like SQLite behaves differently. "
        "The schema is created by running the real migrations, so the migrations are tested too. Each test "
        "needs isolation: run it inside a transaction that is rolled back at the end, or truncate tables, or "
        "use a fresh database per worker. Test data comes from factories or builders that create valid rows "
        "with sensible defaults, so each test states only what matters to it.",
    ),
    q(
        "testing",
        "medium",
        "What is contract testing, and when is it worth it?",
        {
            "consumer and provider agree on a contract": "consumer|provider|contract",
            "consumer-driven, e.g. Pact": "pact|consumer-driven|consumer driven",
            "verified in each side's CI": "ci|pipeline|verif|independent",
            "cheaper than end-to-end tests": "end-to-end|end to end|e2e|cheaper|faster",
        },
        "A contract test checks that a consumer and a provider agree on the API contract between them, the "
        "requests and the responses, without running both together. In consumer-driven contract testing, "
        "for example with Pact, the consumer's tests record what it expects, and the provider verifies that "
        "contract in its own CI pipeline, so each side can deploy independently. It is worth it when several "
        "teams own services that talk to each other, because full end-to-end tests are slow, flaky and "
        "expensive, while contract tests are cheaper and faster and catch breaking changes before release.",
    ),
    q(
        "testing",
        "hard",
        "How would you find and fix flaky tests in a large test suite?",
        {
            "detect: rerun and track flakiness": "rerun|re-run|track|quarantine|flaky rate|history",
            "common causes: time, order, shared state": "order|shared state|global|time|clock|random",
            "concurrency and async waits": "sleep|race|async|timing|wait|poll",
            "external dependencies": "network|external|port|third-party",
            "fix root cause, not retries": "root cause|deterministic|not just retry|fix the",
        },
        "First detect them: CI should track test history, rerun failures to tell flaky from broken, and "
        "report a flaky rate per test; a flaky test goes into quarantine with an owner, so it stops blocking "
        "others. Then find the cause. The common ones: dependence on test order or shared state, such as "
        "global variables or a shared database; time, like the real clock, time zones or randomness without "
        "a seed; concurrency, like fixed sleep calls instead of polling for a condition, or races in async "
        "code; and external dependencies such as the network or a fixed port. The fix addresses the root "
        "cause and makes the test deterministic: inject a clock, seed randomness, isolate data, wait for "
        "conditions. Not just retry, which hides real bugs.",
    ),
    q(
        "testing",
        "hard",
        "How would you load test a new service before launch, and what would you measure?",
        {
            "realistic workload model": "realistic|production traffic|workload|mix|think time|replay",
            "open versus closed load model": "open model|closed model|arrival rate|coordinated omission|constant rate",
            "latency percentiles and errors versus throughput": "p99|percentile|latency|error rate|throughput",
            "find the saturation point and bottleneck": "saturat|breaking point|bottleneck|knee|capacity|ramp",
            "production-like environment": "production-like|staging|same size|environment|data volume",
        },
        "I start from a realistic workload model: the mix of endpoints, payload sizes and data volume from "
        "production traffic or expected use, ideally replaying real requests. I use an open model with a "
        "fixed arrival rate, because a closed model where clients wait for responses hides slowdowns, the "
        "coordinated omission problem. The environment must be production-like, with the same instance "
        "sizes and a realistic data volume. I measure throughput against latency percentiles like p99 and "
        "the error rate, ramping the load to find the saturation point where latency bends upwards, then "
        "look at resource metrics to find the bottleneck. The result sets the capacity plan and the autoscaling "
        "thresholds.",
    ),
)
