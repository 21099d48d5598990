"""Bank questions for the six core topics of the default plan."""
# ruff: noqa: E501  (question text and reference answers are prose data)

from __future__ import annotations

from interviewer_tui.llm.bank.model import BankQuestion, q

QUESTIONS: tuple[BankQuestion, ...] = (
    # -- introduction ---------------------------------------------------------------------------
    q(
        "introduction",
        "easy",
        "Tell me about yourself: your background and the kind of backend work you have done so far.",
        {
            "current role or studies": "currently|my role|i work|i am working|i studied|degree|bootcamp|graduated",
            "technologies used": "python|java|golang|node.js|typescript|postgres|mysql|redis|docker|kubernetes|aws|sql|rest",
            "a concrete project": "project|built|i wrote|implemented|service|feature",
            "what you want next": "looking for|want to|next step|interested in|hope to|goal",
        },
        "I graduated with a computer science degree two years ago and I currently work as a backend "
        "developer at a small logistics company. Day to day I use Python with FastAPI, PostgreSQL and "
        "Redis, deployed with Docker on AWS. The project I am proudest of is a shipment-tracking service "
        "I built that ingests carrier webhooks and exposes a REST API used by our mobile app. Next I am "
        "looking for a role with more ownership of system design and larger-scale distributed systems.",
    ),
    q(
        "introduction",
        "easy",
        "What drew you to backend engineering, and which part of it do you enjoy most?",
        {
            "motivation": "drawn to|fascinat|motivat|curious|passion|i love building|interested in",
            "a specific backend area": "api|database|performance|scal|data model|distributed|reliab|infrastructure",
            "an example from experience": "for example|for instance|once|project|when i|at my",
            "impact on users or the business": "users|customers|business|impact|reliable|outage|latency",
        },
        "I was drawn to backend engineering because I enjoy the invisible parts that make a product "
        "reliable. The area I like most is database performance and API design. For example, at my last "
        "job I found a slow query behind our search endpoint, added the right index and cut the p95 "
        "latency from two seconds to 150 milliseconds. I like that kind of work because the impact on "
        "users and on the business is direct and measurable.",
    ),
    q(
        "introduction",
        "medium",
        "Walk me through the most technically interesting system you have worked on. What was your part in it?",
        {
            "what the system does": "service|platform|pipeline|processes|ingests",
            "architecture and components": "architecture|component|queue|database|cache|microservice|api gateway|worker",
            "your own contribution": "i designed|i built|i wrote|i led|i implemented|my part|i owned|i was responsible",
            "scale or results with numbers": "per second|requests|million|thousand|users|latency|%|percent|ms",
        },
        "The most interesting system was a payments reconciliation platform that processes bank "
        "settlement files and matches them against our ledger. The architecture had an ingestion service, "
        "a Kafka queue, stateless matching workers and a PostgreSQL database, with Redis as a cache for "
        "exchange rates. My part: I designed and built the matching workers and owned their idempotency "
        "so a replayed file never double-counted. It handled about two million transactions a day, and "
        "after my rewrite reconciliation time dropped by 70 percent, from five hours to ninety minutes.",
    ),
    q(
        "introduction",
        "medium",
        "Tell me about a technical decision you made that you would make differently today, and why.",
        {
            "the decision and its context": "decided|decision|chose|we picked|choice",
            "what went wrong": "problem|went wrong|issue|pain|cost us|turned out|mistake",
            "what you would do instead": "instead|differently|today i would|now i would|would have",
            "the lesson learned": "learned|lesson|taught me|since then|now i always",
        },
        "Early in a project I decided to split a small product into six microservices because it seemed "
        "like the modern choice. It turned out to be a mistake: the team was four people, deployments "
        "were coupled anyway and debugging across services cost us weeks. Today I would start with a "
        "modular monolith with clear module boundaries, and only extract a service when a module has a "
        "different scaling or release need. The lesson I learned is to match the architecture to the team "
        "and the real constraints, and since then I always write down the trade-offs before deciding.",
    ),
    q(
        "introduction",
        "hard",
        "Describe a system you designed or significantly changed end to end. What trade-offs did you make, and how did you validate them?",
        {
            "the problem and requirements": "requirement|problem|needed to|goal|constraint|sla|slo",
            "the design": "design|architecture|component|database|queue|cache|partition|replica",
            "trade-offs considered": "trade-off|tradeoff|instead of|versus|vs|alternative|cost|downside",
            "validation with data": "load test|benchmark|measured|metric|experiment|canary|rollout|a/b",
            "results and follow-up": "result|reduced|improved|increased|latency|%|percent|after",
        },
        "I redesigned our notification system when it could not meet the requirement of delivering 50 "
        "thousand messages a minute with a p99 under five seconds. The new design put a durable queue in "
        "front of channel-specific workers, partitioned by user id so per-user ordering held, and moved "
        "templates into a cache. The main trade-off was at-least-once delivery versus exactly-once: we "
        "chose at-least-once with idempotency keys because exactly-once would have cost throughput. I "
        "validated it with a load test replaying a peak day, measured queue lag and error metrics, then did "
        "a canary rollout to five percent of users. The result: p99 fell to 1.2 seconds and on-call pages "
        "dropped by 80 percent.",
    ),
    q(
        "introduction",
        "hard",
        "What is the hardest production problem you have owned, from detection to the long-term fix?",
        {
            "how it was detected": "alert|detected|noticed|monitoring|dashboard|page|customer report",
            "diagnosis": "root cause|diagnos|investigat|trace|logs|profil|reproduc",
            "mitigation first": "mitigat|rollback|roll back|failover|feature flag|hotfix|restor",
            "long-term fix": "long-term|permanent|redesign|refactor|fixed the|prevent",
            "postmortem and lessons": "postmortem|post-mortem|retro|lesson|action item|runbook",
        },
        "The hardest was a slow memory leak that crashed our API pods every few days. We detected it from "
        "an alert on restart counts and a dashboard showing memory climbing linearly. Mitigation came "
        "first: we scheduled rolling restarts so customers were not affected while we investigated. "
        "Diagnosis took a week: I reproduced it under load, took heap profiles and traced it to an HTTP "
        "client created per request whose connection pools were never closed, so the root cause was a "
        "missing shared client. The long-term fix was a single client per process plus a lint rule to "
        "prevent the pattern. In the blameless postmortem we added a runbook and an action item to alert "
        "on memory slope, and that lesson changed how we review resource lifetimes.",
    ),
    # -- coding ---------------------------------------------------------------------------------
    q(
        "coding",
        "easy",
        "How would you check whether a string has balanced brackets, such as '([]{})'? Talk me through the approach and its complexity.",
        {
            "use a stack": "stack|push|pop",
            "match closing to the last opening": "matching|match|corresponding|last opened|top of the stack|pair",
            "empty stack at the end": "empty at the end|stack is empty|leftover|remaining|unclosed",
            "linear time complexity": "o(n)|linear",
        },
        "I would scan the string once and use a stack. Each opening bracket is pushed. For a closing "
        "bracket, the stack must not be empty and the top of the stack must be the matching opening "
        "bracket; then I pop it, otherwise the string is unbalanced. At the end the string is balanced "
        "only if the stack is empty, because leftover openings are unclosed. Each character is pushed and "
        "popped at most once, so time is O(n), linear, and space is O(n) in the worst case.",
    ),
    q(
        "coding",
        "easy",
        "Given an array of integers and a target, how would you find two numbers that add up to the target?",
        {
            "brute force baseline": "brute force|nested loop|every pair|o(n^2)|o(n2)|quadratic",
            "hash map of seen values": "hash map|hashmap|dictionary|dict|hash set|set of seen|hash table",
            "look up the complement": "complement|target minus|target -",
            "linear time and extra space": "o(n)|linear|one pass|single pass",
        },
        "The brute force baseline checks every pair with a nested loop, which is O(n^2). Better: make one "
        "pass with a hash map from value to index. For each number I compute the complement, target minus "
        "the number, and look it up in the map; if it is there I return both indexes, otherwise I store "
        "the current number. That is O(n) linear time with O(n) extra space. If the array were sorted I "
        "could instead use two pointers from both ends with O(1) space.",
    ),
    q(
        "coding",
        "medium",
        "Design an LRU cache with O(1) get and put. Which data structures do you need, and how do they work together?",
        {
            "hash map for lookup": "hash map|hashmap|dictionary|dict|hash table",
            "doubly linked list for order": "doubly linked|linked list|ordereddict|ordered dict",
            "move to front on access": "move to the front|move it to the front|move to head|most recently used|move to the end|move_to_end",
            "evict the least recently used at capacity": "evict|least recently used|tail|capacity",
        },
        "I would combine a hash map with a doubly linked list. The hash map maps keys to list nodes so "
        "lookup is O(1). The list keeps usage order: on every get or put I move the node to the front, "
        "marking it most recently used, which is O(1) because the list is doubly linked and I hold the "
        "node. When a put exceeds capacity, I evict the node at the tail, the least recently used one, "
        "and delete its key from the map. In Python an OrderedDict with move_to_end and popitem does the "
        "same. For concurrent use I would guard both structures with one lock.",
    ),
    q(
        "coding",
        "medium",
        "How would you merge k sorted lists into one sorted list efficiently? Compare at least two approaches.",
        {
            "min-heap of list heads": "heap|priority queue|heapq",
            "n log k complexity": "log k|n log k|nlogk",
            "pairwise divide and conquer": "divide and conquer|pairwise|merge pairs|merge sort",
            "naive approach and its cost": "concatenate and sort|sort everything|n log n|one by one|k times",
        },
        "A naive approach is to concatenate and sort everything, O(n log n), or merge lists one by one, "
        "which costs up to O(n k). The better approach is a min-heap, a priority queue, holding the head "
        "of each list: pop the smallest, append it to the output, push the next element from the same "
        "list. The heap never holds more than k items, so the total is O(n log k). An alternative with the "
        "same complexity is divide and conquer: merge pairs of lists, like merge sort, for log k rounds. "
        "The heap version also works as a streaming merge over sorted files.",
    ),
    q(
        "coding",
        "hard",
        "Design a rate limiter function allow(user_id) that permits at most N requests per user per rolling minute. Discuss data structures, precision and memory.",
        {
            "sliding window log or counter": "sliding window|rolling window|window log|timestamps",
            "token or leaky bucket alternative": "token bucket|leaky bucket|refill",
            "memory per user and cleanup": "memory|evict|expire|ttl|clean up|cleanup",
            "precision trade-off of fixed windows": "fixed window|boundary|burst|approximat|precision",
            "concurrency or distribution": "atomic|lock|redis|lua|race|distributed",
        },
        "The exact approach is a sliding window log: keep a deque of timestamps per user, drop the ones "
        "older than 60 seconds, and allow if fewer than N remain. It is precise but costs O(N) memory per "
        "user. A fixed window counter is cheap but allows a burst of 2N around the window boundary; the "
        "sliding window counter approximates the rolling window by weighting the previous window's count, "
        "trading a little precision for O(1) memory. A token bucket with a refill rate of N per minute is "
        "another option that also allows controlled bursts. For memory I would expire idle users with a "
        "TTL. With several processes, the state must live in Redis and be updated atomically, for example "
        "with a Lua script, otherwise two requests race and both pass.",
    ),
    q(
        "coding",
        "hard",
        "Given a stream of log lines too large for memory, how would you find the 10 most frequent error messages? Consider exact and approximate solutions.",
        {
            "min-heap of size k": "heap|priority queue|top k|top-k",
            "hash map counts and their memory limit": "hash map|hashmap|dictionary|counter|counts",
            "approximate sketches": "count-min|count min|misra|space-saving|space saving|heavy hitter|sketch",
            "external or partitioned processing": "partition|shard|external|map reduce|mapreduce|disk|hash the message",
        },
        "If the number of distinct messages fits in memory, I would count with a hash map and keep a "
        "min-heap of size 10, giving O(n log k). If the distinct set is too large, I can partition: hash "
        "each message into one of many files on disk, count each partition separately, and merge the "
        "top-k of each, which is exact, like MapReduce. For a single pass with bounded memory I would use "
        "an approximate heavy hitter algorithm such as Space-Saving or Misra-Gries, or a Count-Min sketch "
        "plus a heap; they give error bounds relative to the stream length. I would first normalise "
        "messages by stripping ids and timestamps, or counts get diluted.",
    ),
    # -- system design --------------------------------------------------------------------------
    q(
        "system_design",
        "easy",
        "How would you design a URL shortener? Start with the main components.",
        {
            "id generation and encoding": "base62|base 62|hash|counter|unique id|short code|encode",
            "storage of the mapping": "database|key-value|key value|table|store the mapping|mapping",
            "redirect with the right status": "redirect|301|302",
            "caching for reads": "cache|redis|cdn",
        },
        "The core is a mapping from a short code to the long URL. To create one, I generate a unique id, "
        "for example from a counter or a random value, and encode it in base62 to get a short code; a hash "
        "of the URL also works but needs collision handling. I store the mapping in a key-value store or a "
        "database table keyed by the code. Reading a short link returns an HTTP redirect, 301 if it never "
        "changes or 302 if we want to count clicks. Reads dominate, so I would put a cache like Redis, or "
        "a CDN, in front of the database.",
    ),
    q(
        "system_design",
        "easy",
        "What does a load balancer do, and how does it decide where to send a request?",
        {
            "distributes traffic across servers": "distribut|spread|across servers|multiple servers|instances",
            "algorithms": "round robin|least connections|least-connections|weighted|hash",
            "health checks": "health check|unhealthy|healthy",
            "layer 4 versus layer 7": "layer 4|layer 7|l4|l7|tcp|http level",
        },
        "A load balancer sits in front of multiple servers and distributes incoming traffic across the "
        "instances so no single one is overloaded and a failed one can be taken out. It picks a target with "
        "an algorithm such as round robin, least connections, weighted round robin, or a hash of the client "
        "IP for stickiness. It runs health checks and stops sending requests to unhealthy servers. A layer "
        "4 balancer routes TCP connections without looking inside, while a layer 7 balancer understands "
        "HTTP and can route by path or header and terminate TLS.",
    ),
    q(
        "system_design",
        "medium",
        "Design a notification service that sends email, SMS and push notifications for other teams' services.",
        {
            "asynchronous queue": "queue|kafka|sqs|rabbitmq|asynchron|async",
            "per-channel workers and providers": "worker|provider|channel|twilio|apns|fcm|smtp",
            "retries and idempotency": "retr|idempoten|dead letter|dlq|exactly once|deduplic",
            "user preferences and rate limits": "preference|opt out|opt-out|unsubscribe|rate limit|quiet hours",
            "tracking delivery status": "status|delivered|tracking|webhook|callback",
        },
        "Callers send a request to a notification API, which validates it and puts it on a queue such as "
        "Kafka or SQS so the work is asynchronous. Per-channel workers consume it: an email worker talks "
        "to an SMTP provider, an SMS worker to Twilio, a push worker to APNs and FCM. Before sending, a "
        "worker checks user preferences, opt-outs and quiet hours, and applies rate limits so we do not spam "
        "people. Failed sends are retried with backoff and end in a dead letter queue; an idempotency key per "
        "notification prevents duplicates on retries. Providers report delivery via webhooks, and we store "
        "a status per notification so callers can query it.",
    ),
    q(
        "system_design",
        "medium",
        "How would you design the backend for a news feed like Twitter's home timeline?",
        {
            "fan-out on write": "fan-out on write|fanout on write|push model|precompute|write time",
            "fan-out on read": "fan-out on read|fanout on read|pull model|read time|at read",
            "celebrity or hot-user problem": "celebrit|millions of followers|hot user|hybrid",
            "caching timelines": "cache|redis|in memory",
            "ranking and pagination": "rank|cursor|paginat|chronological",
        },
        "There are two basic models. Fan-out on write, the push model, precomputes each follower's "
        "timeline when someone posts, so reads are fast but a post by a celebrity with millions of "
        "followers causes a huge write burst. Fan-out on read, the pull model, merges the followed accounts' "
        "posts at read time, which is cheap to write but slow to read. Most systems use a hybrid: push for "
        "normal users, pull for celebrities, merged at read. Timelines are kept in a cache such as Redis as "
        "lists of post ids, and the feed is returned with cursor pagination, either chronological or "
        "ordered by a ranking model.",
    ),
    q(
        "system_design",
        "hard",
        "Design a distributed job scheduler that runs millions of delayed and recurring jobs with at-least-once execution and no job lost.",
        {
            "durable storage of jobs": "durable|persist|database|write-ahead|replicated",
            "partitioning or sharding for scale": "partition|shard|consistent hashing|bucket",
            "leases or locks to claim jobs": "lease|lock|claim|heartbeat|visibility timeout|skip locked",
            "idempotent handlers for duplicates": "idempoten|duplicate|at-least-once|at least once|dedup",
            "time-ordered index or timing wheel": "timing wheel|time bucket|index on|sorted by|due time|next run",
            "failure recovery": "crash|failover|recover|reassign|expired lease|dead worker",
        },
        "Jobs are persisted in durable, replicated storage with a due time and state, so nothing is lost "
        "if a node crashes. To scale, jobs are partitioned by a hash of the job id into shards, each "
        "owned by a scheduler instance, rebalanced with consistent hashing. Each shard keeps an index "
        "sorted by next run time, or an in-memory timing wheel loaded from it, and hands due jobs to "
        "workers. A worker claims a job with a lease and a heartbeat, for example SELECT ... FOR UPDATE SKIP "
        "LOCKED or a visibility timeout; if the worker dies, the expired lease lets another worker reassign "
        "and recover it. That gives at-least-once execution, so handlers must be idempotent and dedupe by "
        "run id. Recurring jobs compute their next run when they are claimed.",
    ),
    q(
        "system_design",
        "hard",
        "Design a globally distributed key-value store that offers low-latency reads in every region. What consistency do you offer, and how do you handle conflicts?",
        {
            "replication across regions": "replicat|multi-region|region|leader|follower",
            "consistency model choice": "eventual|strong consisten|linearizab|causal|read your writes|quorum",
            "conflict resolution": "last write wins|last-write-wins|lww|vector clock|crdt|conflict",
            "partitioning of keys": "partition|shard|consistent hashing|hash ring",
            "latency versus consistency trade-off": "pacelc|cap|latency|trade-off|tradeoff|partition toleran",
        },
        "Keys are partitioned with consistent hashing into shards, and each shard is replicated to several "
        "regions so reads are served locally. The key choice is the consistency model: for low latency I "
        "would default to eventual consistency with read-your-writes for the writing client, and offer "
        "strong, linearizable reads through the shard's leader region or a quorum for keys that need it, "
        "at higher latency. This is the PACELC trade-off: even without a partition we trade latency for "
        "consistency. With multi-leader writes, concurrent updates conflict; I would resolve them with "
        "last-write-wins using hybrid timestamps for simple values, or vector clocks and CRDTs for counters "
        "and sets, so no write is silently lost.",
    ),
    # -- databases ------------------------------------------------------------------------------
    q(
        "databases",
        "easy",
        "What is the difference between a primary key and a foreign key?",
        {
            "primary key uniquely identifies a row": "uniquely identif|unique|identif",
            "primary key is not null": "not null|cannot be null|non-null",
            "foreign key references another table": "references|refers to|points to|another table|other table",
            "referential integrity": "referential integrity|integrity|cascade|orphan",
        },
        "A primary key uniquely identifies each row in a table: its values are unique and cannot be null, "
        "and there is one per table, often an id column. A foreign key is a column that references the "
        "primary key of another table, like orders.customer_id pointing to customers.id. The database "
        "enforces referential integrity: you cannot insert an order for a customer that does not exist, and "
        "deleting a referenced customer is rejected or handled with ON DELETE CASCADE, so no orphan rows "
        "are left.",
    ),
    q(
        "databases",
        "easy",
        "What is database normalization, and why would you sometimes denormalize?",
        {
            "remove redundancy": "redundan|duplicat|repeat",
            "normal forms": "normal form|1nf|2nf|3nf|third normal",
            "avoid update anomalies": "anomal|inconsisten|update in one place|single place",
            "denormalize for read performance": "denormaliz|read performance|fewer joins|avoid joins|faster reads",
        },
        "Normalization organises tables so each fact is stored once, removing redundancy and duplicated "
        "data. The normal forms formalise it: 1NF has atomic values, 2NF and 3NF remove partial and "
        "transitive dependencies. The benefit is avoiding update anomalies: a customer's address lives in a "
        "single place, so it cannot become inconsistent. We sometimes denormalize, for example copying a "
        "product name into order lines or keeping a precomputed total, to get faster reads with fewer joins, "
        "accepting the cost of keeping the copies in sync.",
    ),
    q(
        "databases",
        "medium",
        "How would you choose between a relational database and a document store for a new service?",
        {
            "data model and relationships": "relationship|relational|joins|schema|document|nested",
            "transactions and consistency needs": "transaction|acid|consisten",
            "query patterns": "query pattern|access pattern|ad hoc|aggregat|reporting",
            "scaling and operations": "scal|shard|horizontal|operational|team knows|managed",
        },
        "I start from the data model and query patterns. If the data has many relationships that I need to "
        "join and query ad hoc, with reporting and aggregates, a relational database with a schema fits. "
        "If records are self-contained documents read and written as a whole, with nested data and a "
        "varying shape, a document store is natural. Transaction needs matter: multi-row ACID transactions "
        "and strong consistency are the relational default, while document stores often limit them. "
        "Finally scaling and operations: document stores shard horizontally more easily, but PostgreSQL "
        "scales far for most services, and what the team knows how to operate often decides.",
    ),
    q(
        "databases",
        "medium",
        "A table has grown to hundreds of millions of rows and queries are slowing down. What options do you have?",
        {
            "indexes and query tuning": "index|explain|query plan|tune",
            "partitioning": "partition",
            "archiving old data": "archiv|retention|cold storage|delete old|ttl",
            "read replicas and caching": "replica|cache",
            "sharding as a last resort": "shard",
        },
        "First I would look at the slow queries with EXPLAIN and the query plan: often a missing or wrong "
        "index, or a query that can be tuned, is the real problem. If queries mostly touch recent data, "
        "partitioning the table by time lets the planner prune partitions and makes maintenance cheaper. "
        "Archiving old rows to cold storage with a retention policy shrinks the hot table. Read-heavy load "
        "can go to read replicas or a cache. Sharding across several databases is the last resort, because "
        "it complicates joins, transactions and operations.",
    ),
    q(
        "databases",
        "hard",
        "How would you run a zero-downtime schema migration that renames a column on a large, busy table?",
        {
            "expand and contract": "expand|contract|parallel change|multi-step|several steps",
            "dual writes or sync": "dual write|write to both|trigger|sync",
            "backfill in batches": "backfill|batch",
            "deploy order of application versions": "deploy|release|old version|new version|application code",
            "locking risks": "lock|access exclusive|lock_timeout|blocking",
        },
        "I would never rename in place on a busy table, because the application and the schema change at "
        "different times. Instead I use expand and contract over several steps. Expand: add the new column, "
        "which is a quick metadata change if it is nullable with no default rewrite, using a short "
        "lock_timeout so it does not queue behind long transactions and block everything. Then dual write: "
        "deploy application code that writes to both columns, or add a trigger to sync them. Backfill "
        "existing rows in small batches to avoid long locks and replication lag. Next deploy a new version "
        "that reads the new column. Contract: once no old version is running, stop writing the old column "
        "and drop it.",
    ),
    q(
        "databases",
        "hard",
        "Explain how a database guarantees durability of a committed transaction, and what can still lose data.",
        {
            "write-ahead log": "write-ahead|write ahead|wal|redo log|journal",
            "fsync before acknowledging commit": "fsync|flush|disk before|synchronous_commit",
            "crash recovery by replay": "replay|recovery|redo|checkpoint",
            "replication and its lag": "replica|replication|synchronous replication|asynchronous replication|failover",
            "what can still lose data": "disk fail|lose data|lost|controller cache|asynchronous|async commit",
        },
        "Durability comes from the write-ahead log: before a commit is acknowledged, the change is written "
        "to the WAL and the log is flushed to disk with fsync, while the data pages themselves can be "
        "written later. After a crash, recovery starts from the last checkpoint and replays the log, so every "
        "committed transaction is redone. Data can still be lost: if synchronous_commit is off, the last "
        "transactions can be lost; a disk controller cache that lies about fsync loses data; and a disk "
        "failure loses everything on that machine. Replication protects against that, but with asynchronous "
        "replication a failover can lose the transactions the replica had not received; synchronous "
        "replication avoids it at the cost of latency.",
    ),
    # -- behavioral -----------------------------------------------------------------------------
    q(
        "behavioral",
        "easy",
        "Tell me about a time you received critical feedback. How did you respond?",
        {
            "the situation and the feedback": "feedback|review|told me|pointed out|manager said|criticis",
            "how you reacted": "listened|asked|clarif|thanked|defensive|reflected",
            "what you changed": "changed|started|improved|now i|began to",
            "the outcome": "result|outcome|afterwards|since then|improved",
        },
        "In my first year, my manager gave me feedback in a review that my pull requests were too large and "
        "hard to review. My first reaction was to feel defensive, but I listened, thanked her and asked for "
        "examples so I could clarify what good looked like. I changed how I work: I started splitting work "
        "into small pull requests under 300 lines with a clear description. The outcome was that reviews "
        "went from days to hours and since then teammates have said my changes are easy to follow.",
    ),
    q(
        "behavioral",
        "easy",
        "Describe a time you had to learn a new technology quickly to deliver something.",
        {
            "the context and deadline": "deadline|needed to|had to|weeks|days|sprint",
            "how you learned": "documentation|docs|tutorial|course|prototype|asked a colleague|experiment",
            "what you delivered": "delivered|shipped|built|released|launched",
            "what you learned about learning": "learned|lesson|next time|since then|approach",
        },
        "Our team had to add a search feature in three weeks, and it needed Elasticsearch, which nobody on "
        "the team had used. I read the official documentation for two days, followed a tutorial, and built a "
        "small prototype with our real data to experiment with analyzers. I also asked a colleague from "
        "another team to review my index mapping. We shipped the feature on time and it released without "
        "incidents. What I learned is that a prototype with real data teaches faster than reading alone, and "
        "since then that is my approach for any new technology.",
    ),
    q(
        "behavioral",
        "medium",
        "Tell me about a disagreement with a teammate about a technical approach. How was it resolved?",
        {
            "the disagreement": "disagree|disagreement|conflict|different view|argued|pushed back",
            "understanding the other view": "understand|listened|their point|perspective|concerns",
            "data or an experiment to decide": "data|benchmark|prototype|experiment|measured|spike",
            "the resolution and relationship": "agreed|resolved|decided|compromise|relationship|worked together",
        },
        "A teammate wanted to add a caching layer in front of our reporting API, while I thought the real "
        "problem was an unindexed query, so we disagreed in a design review. Instead of arguing further, I "
        "asked to understand his concerns, and he was worried about peak traffic, which was a fair point. "
        "We agreed to run a quick spike: I measured the query with the index and he benchmarked the cache. "
        "The data showed the index alone brought latency under our target, so we resolved to ship that "
        "and keep the cache design for later. We kept a good working relationship because the decision came "
        "from data, not from who argued harder.",
    ),
    q(
        "behavioral",
        "medium",
        "Describe a project that was falling behind schedule. What did you do?",
        {
            "recognising the slip early": "behind schedule|falling behind|slip|at risk|delay|three weeks late",
            "communicating to stakeholders": "stakeholder|manager|communicat|told|informed|updated",
            "cutting scope or reprioritising": "scope|prioriti|mvp|cut|descoped|trade",
            "the outcome": "delivered|shipped|result|outcome|launched",
        },
        "Halfway through a migration project I noticed we were at risk: integration work was taking twice "
        "our estimate, and we would be three weeks late. I raised it early and communicated to our manager "
        "and the product stakeholders with the numbers rather than hoping to catch up. Together we cut scope "
        "to an MVP: the two highest-value integrations first, the reporting features later, and reprioritised "
        "the backlog. We delivered the MVP one week late instead of three, and shipped the rest in the next "
        "sprint. The lesson: bad news early is cheap.",
    ),
    q(
        "behavioral",
        "hard",
        "Tell me about a time you led a significant technical change across several teams without formal authority.",
        {
            "the problem and why it mattered": "problem|cost|incident|risk|why it mattered|impact",
            "building consensus": "consensus|buy-in|buy in|align|rfc|design doc|proposal",
            "handling resistance": "resist|pushback|push back|objection|concern|skeptic",
            "execution plan": "plan|milestone|phase|rollout|migration|incremental",
            "measurable result": "result|reduced|improved|%|percent|adopted",
        },
        "Our services each had their own retry logic, and retry storms caused two major incidents, so the "
        "problem was real and costly. I had no authority over the other teams, so I wrote an RFC proposing "
        "a shared client library with budgets and backoff, and built buy-in by reviewing the incident data "
        "with each team lead to align on the cost. One team had objections about latency overhead, so I "
        "addressed their concern with a benchmark and added an opt-out for their hot path. The plan was "
        "incremental: a pilot with one team, then a rollout in three phases with milestones. Within a "
        "quarter eight of ten teams adopted it, and retry-related incidents dropped by 90 percent.",
    ),
    q(
        "behavioral",
        "hard",
        "Describe a decision where you had to balance technical debt against delivering features. How did you decide and what happened?",
        {
            "quantifying the debt": "cost|slow|incident|hours|measured|quantif|data",
            "options considered": "option|alternative|either|or we could|considered",
            "stakeholder negotiation": "product|stakeholder|manager|negotiat|agreed|convinced",
            "the decision and its rationale": "decided|decision|because|rationale|chose",
            "follow-up and results": "result|afterwards|months later|reduced|improved|velocity",
        },
        "Our billing module was so tangled that every change took days and caused an incident a month. I "
        "quantified the debt from our data: about 30 percent of the team's hours went into that module and "
        "its incidents. The options were a full rewrite, continuing as is, or incremental refactoring. I "
        "negotiated with the product manager and the stakeholders to reserve 20 percent of each sprint for "
        "refactoring, tied to the features that touched the module. We decided on that because a rewrite "
        "would have frozen features for months. Six months later, changes in billing took a third of the "
        "time, incidents had dropped to one a quarter, and feature velocity improved overall.",
    ),
    # -- general backend ------------------------------------------------------------------------
    q(
        "general_backend",
        "easy",
        "What happens, step by step, when a client sends an HTTP request to your backend service?",
        {
            "DNS resolution": "dns",
            "TCP and TLS handshake": "tcp|tls|handshake|connection",
            "load balancer or proxy": "load balancer|proxy|reverse proxy|nginx|ingress",
            "routing to a handler": "rout|handler|controller|middleware|framework",
            "response with a status code": "status code|response|200|json",
        },
        "The client first resolves the domain name through DNS to an IP address. It opens a TCP "
        "connection and, for HTTPS, performs a TLS handshake. The request usually reaches a load balancer "
        "or a reverse proxy such as nginx, which forwards it to one of the service instances. In the service, "
        "the web framework passes it through middleware for logging and authentication and routes it to a "
        "handler, which calls the business logic and the database. Finally the handler returns a response "
        "with a status code, headers and a JSON body, which travels back the same way.",
    ),
    q(
        "general_backend",
        "easy",
        "What is the difference between a process and a thread?",
        {
            "separate memory for processes": "own memory|separate memory|address space|isolated",
            "threads share memory": "share|shared memory|same memory",
            "cost of creation and switching": "cheaper|lighter|overhead|context switch",
            "isolation and crash impact": "crash|isolation|one thread|bring down",
        },
        "A process is a running program with its own address space, so processes have separate memory and "
        "are isolated from each other. Threads live inside a process and share its memory, which makes "
        "communication easy but requires synchronisation. Threads are lighter: creating one and doing a "
        "context switch between them is cheaper than for processes. The isolation matters for failures: a "
        "crash in one process does not affect another, while one thread corrupting memory can bring down "
        "the whole process.",
    ),
    q(
        "general_backend",
        "medium",
        "How do you make an operation idempotent, and why does it matter for backend services?",
        {
            "definition": "same result|same effect|more than once|repeated|multiple times",
            "retries and duplicates": "retr|duplicate|at-least-once|network",
            "idempotency key": "idempotency key|idempotency-key|request id|unique key",
            "store result and check atomically": "unique constraint|store the result|atomic|transaction|dedup",
        },
        "An operation is idempotent if doing it more than once has the same effect as doing it once. It "
        "matters because networks fail and clients retry, and queues deliver at-least-once, so duplicates are "
        "normal; a retried payment must not charge twice. The usual technique is an idempotency key: the "
        "client sends a unique request id, and the server records it with the result. On a repeat, the "
        "server returns the stored result instead of doing the work again. The check and the write must be "
        "atomic, for example a unique constraint on the key inside the same transaction as the side effect.",
    ),
    q(
        "general_backend",
        "medium",
        "How would you design pagination for an API endpoint that lists a large, frequently changing collection?",
        {
            "offset pagination and its problems": "offset|limit|skip|page number",
            "cursor or keyset pagination": "cursor|keyset|seek|after id|last seen",
            "stable sort order": "stable|tie|unique|order by|sort",
            "page size limits and total counts": "page size|max|limit the|total count|count",
        },
        "Offset pagination with limit and offset is simple but gets slow for deep pages, because the "
        "database still scans the skipped rows, and rows shift when items are inserted, so clients see "
        "duplicates or miss items. For a large, changing collection I would use cursor, or keyset, "
        "pagination: the response includes an opaque cursor encoding the last seen sort key, and the next "
        "query asks for rows after it using an index. The sort order must be stable and unique, for "
        "example ORDER BY created_at, id as a tie-breaker. I would also enforce a max page size and avoid "
        "an exact total count, which is expensive on big tables.",
    ),
    q(
        "general_backend",
        "hard",
        "A service's p99 latency doubled after a deploy but the p50 is unchanged. How do you investigate?",
        {
            "compare with the deploy diff": "diff|changelog|what changed|roll back|rollback|revert",
            "break down by endpoint or dimension": "endpoint|breakdown|break down|per route|dimension|segment",
            "distributed tracing of slow requests": "trac|span|exemplar",
            "resource and dependency causes": "gc|garbage collect|pool|saturat|cpu|lock|downstream|dependency",
            "profiling or reproduction": "profil|reproduc|load test|flame graph",
        },
        "A p99 change with a stable p50 means a subset of requests got slow, so I look for what is "
        "different about them. First, what changed: read the deploy diff and, if the impact is serious, roll "
        "back while investigating. Then break down latency by endpoint, instance, customer and region to "
        "find the segment. Distributed tracing of slow requests, through exemplars on the latency histogram, "
        "shows which span grew. Typical causes are resource contention: garbage collection pauses, a "
        "connection pool that saturates, a lock, or a slower downstream dependency. Finally I confirm with a "
        "profiler or a flame graph and reproduce it in a load test before fixing it.",
    ),
    q(
        "general_backend",
        "hard",
        "How would you design graceful shutdown and zero-downtime deploys for a stateless HTTP service behind a load balancer?",
        {
            "handle SIGTERM": "sigterm|signal",
            "stop taking new requests via readiness": "readiness|deregister|health check|stop accepting|drain",
            "drain in-flight requests with a timeout": "in-flight|in flight|finish|timeout|grace period",
            "rolling deploy with surge": "rolling|surge|blue-green|blue green|canary",
            "close resources and background work": "close|connection pool|background|flush|consumer",
        },
        "On SIGTERM the service first fails its readiness check so the load balancer deregisters it and "
        "stops sending new requests; because deregistration takes a moment, it keeps serving for a few "
        "seconds. Then it stops accepting new connections and drains in-flight requests, with a timeout "
        "shorter than the orchestrator's grace period. After that it closes resources: stops queue "
        "consumers and background work, flushes logs and metrics, and closes database connection pools. "
        "Deploys are rolling with a surge, starting new instances and waiting until they are ready before "
        "stopping old ones, or blue-green or canary for riskier releases.",
    ),
)
